import { type Caller, Purpose, Role } from '../../subgraphs/lib/identity';

/**
 * A verified caller for in-process subgraph tests, as the token verifier would build
 * it: one role, one declared purpose (also the only one the credential holds unless
 * `purposes` says otherwise), and the scopes of the credential.
 */
export function callerAs(role: `${Role}`, purpose: `${Purpose}`, extra: Partial<Omit<Caller, 'role' | 'purpose'>> = {}): Caller {
  return {
    subject: extra.subject ?? 'OPERATOR-TEST-1',
    organisation: extra.organisation ?? 'org-test',
    role: role as Role,
    purpose: purpose as Purpose,
    purposes: extra.purposes ?? [purpose as Purpose],
    territory: extra.territory ?? [],
    employers: extra.employers ?? [],
    ...(extra.tokenId ? { tokenId: extra.tokenId } : {}),
    ...(extra.trackingEvidence ? { trackingEvidence: extra.trackingEvidence } : {}),
  };
}

/** The twelve Lombardy provinces (ISTAT), for an operator whose territory is the whole region. */
export const LOMBARDY = ['012', '013', '014', '015', '016', '017', '018', '019', '020', '097', '098', '108'];

/** Header carrying a test caller to `createTestSubgraph`'s caller resolver (tests only). */
export const TEST_CALLER_HEADER = 'x-test-caller';

/** Headers making one in-process subgraph request act as `caller`. */
export function asCaller(caller: Caller): Record<string, string> {
  return { [TEST_CALLER_HEADER]: JSON.stringify(caller) };
}
