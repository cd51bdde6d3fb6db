import { type AuditRegistry } from '../lib/audit';
import { type Appointment } from './appointment/appointment.entity';
import { type PersonCompetence } from './competence/person-competence.entity';
import { type ConvocationExclusionReplica } from './convocation-exclusion/convocation-exclusion-replica.entity';
import { type DeskContact } from './desk-contact/desk-contact.entity';
import { type Referral } from './referral/referral.entity';

/** Whom each loaded row concerns, for the audit trail: the person referred. Service points are not personal data. */
export const auditSubjects: AuditRegistry = {
  Referral: (referral: Referral) => ({ people: [referral.workerFiscalCode] }),
  /** The person whose competent service was looked up for a transfer, whatever its outcome. */
  PersonCompetence: (person: PersonCompetence) => ({ people: [person.fiscalCode] }),
  /** The person whose do-not-convene decisions were checked before convening them. */
  ConvocationExclusionReplica: (exclusion: ConvocationExclusionReplica) => ({ people: [exclusion.fiscalCode] }),
  /** The person convened. */
  Appointment: (appointment: Appointment) => ({ people: [appointment.workerFiscalCode] }),
  /** The person of the contact; none for an anonymous one or after consent is withdrawn. */
  DeskContact: (contact: DeskContact) => ({ people: contact.fiscalCode ? [contact.fiscalCode] : [] }),
};
