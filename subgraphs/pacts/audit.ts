import { type AuditRegistry } from '../lib/audit';
import { type ActivationRouting } from './activation-routing/activation-routing.entity';
import { type DigitalActivationPact } from './digital-activation-pact/digital-activation-pact.entity';
import { type ConvocationExclusion } from './convocation-exclusion/convocation-exclusion.entity';
import { type HouseholdMember } from './household/household.entity';
import { type ServicePact } from './service-pact/service-pact.entity';

/**
 * Whom each loaded row concerns, for the audit trail: the person of a service pact and
 * each household member read. An inclusion pact read alone (its state, for a status
 * check) names the members the request loaded with it.
 */
export const auditSubjects: AuditRegistry = {
  ServicePact: (pact: ServicePact) => ({ people: [pact.fiscalCode] }),
  HouseholdMember: (member: HouseholdMember) => ({ people: [member.fiscalCode] }),
  ActivationRouting: (routing: ActivationRouting) => ({ people: [routing.fiscalCode] }),
  // Reached through its member (loaded, so its fiscal code is known); a bare reference names nobody more.
  DigitalActivationPact: (pad: DigitalActivationPact) => ({ people: pad.member.fiscalCode ? [pad.member.fiscalCode] : [] }),
  ConvocationExclusion: (exclusion: ConvocationExclusion) => ({ people: [exclusion.fiscalCode] }),
};
