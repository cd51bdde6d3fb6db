import { describe, expect, it } from 'vitest';
import { AuditKind, type AuditRecord, canonicalRecord, chainHash, GENESIS_HASH } from '../../../subgraphs/lib/audit';
import { AuditRecordError, chainRecord, checkRecordInput } from '../../../subgraphs/lib/audit/chain';
import { person } from '../../utils/people';

const fields: Omit<AuditRecord, 'prevHash' | 'hash'> = {
  seq: 7,
  at: new Date('2026-05-06T07:08:09.010Z'),
  kind: AuditKind.ACCESS,
  subgraph: 'pacts',
  requestId: 'req-chain-0001',
  organisation: 'org-comune',
  subject: 'OPERATOR-3',
  role: 'SOCIAL_WORKER',
  purpose: 'SOCIAL_INCLUSION',
  operationName: 'Household',
  tokenId: 'jti-3',
  trackingEvidence: null,
  people: [person(2).fiscalCode, person(1).fiscalCode],
  employers: [],
  fieldsReleased: ['InclusionPact.state', 'Household.members'],
  fieldsRefused: ['Worker.birthDate'],
  detail: null,
};

describe('the audit hash chain', () => {
  it('serialises a record in a fixed field order, lists sorted, absent values as null', () => {
    const text = canonicalRecord(fields);
    expect(JSON.parse(text)).toEqual([
      'lavoro-graph/audit/v1', 7, '2026-05-06T07:08:09.010Z', 'ACCESS', 'pacts', 'req-chain-0001', 'org-comune', 'OPERATOR-3', 'SOCIAL_WORKER',
      'SOCIAL_INCLUSION', 'Household', 'jti-3', null, [person(1).fiscalCode, person(2).fiscalCode].sort(), [],
      ['Household.members', 'InclusionPact.state'], ['Worker.birthDate'], null,
    ]);
    expect(canonicalRecord({ ...fields, people: [...fields.people].reverse(), fieldsReleased: [...fields.fieldsReleased].reverse() })).toBe(text);
  });

  it('hashes SHA-256 over the previous hash and the serialisation', () => {
    expect(chainHash(GENESIS_HASH, fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, fields)).not.toBe(chainHash('1'.repeat(64), fields));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it.each([
    ['seq', 8],
    ['at', new Date('2026-05-06T07:08:09.011Z')],
    ['kind', AuditKind.EXPORT],
    ['subgraph', 'workers'],
    ['requestId', 'req-chain-0002'],
    ['organisation', 'org-other'],
    ['subject', 'OPERATOR-4'],
    ['role', 'CPI_OPERATOR'],
    ['purpose', 'REFERRAL'],
    ['operationName', null],
    ['tokenId', 'jti-4'],
    ['trackingEvidence', 'evidence'],
    ['people', [person(1).fiscalCode]],
    ['employers', ['00000000000']],
    ['fieldsReleased', ['Household.members']],
    ['fieldsRefused', []],
    ['detail', 'RATE_LIMITED'],
  ] as const)('changes the hash when %s changes', (field, value) => {
    expect(chainHash(GENESIS_HASH, { ...fields, [field]: value })).not.toBe(chainHash(GENESIS_HASH, fields));
  });

  it('links a new record after the head, sorting and deduplicating its lists', () => {
    const record = chainRecord({ ...fields, people: [person(2).fiscalCode, person(2).fiscalCode] }, { seq: 41, hash: 'a'.repeat(64) }, new Date());
    expect(record).toMatchObject({ seq: 42, prevHash: 'a'.repeat(64), people: [person(2).fiscalCode], at: fields.at });
    expect(record.hash).toBe(chainHash('a'.repeat(64), record));
  });

  it('refuses malformed input naming the field, never the value', () => {
    const secret = person(5).fiscalCode;
    const cases: [object, string][] = [
      [{ kind: 'LOOKED' }, 'kind is not an AuditKind'],
      [{ organisation: 42 }, 'organisation must be a string'],
      [{ tokenId: 7 }, 'tokenId must be a string or null'],
      [{ people: secret }, 'people must be a list of non-empty strings'],
      [{ employers: [''] }, 'employers must be a list of non-empty strings'],
      [{ at: new Date('not a date') }, 'at must be a valid Date'],
    ];
    for (const [change, message] of cases) {
      let thrown: unknown;
      try {
        checkRecordInput({ ...fields, ...change } as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AuditRecordError);
      expect((thrown as Error).message).toBe(`Invalid audit record: ${message}`);
      expect((thrown as Error).message).not.toContain(secret);
    }
  });
});
