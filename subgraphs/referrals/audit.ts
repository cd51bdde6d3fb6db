import { type AuditRegistry } from '../lib/audit';
import { type Referral } from './referral/referral.entity';

/** Whom each loaded row concerns, for the audit trail: the person referred. Service points are not personal data. */
export const auditSubjects: AuditRegistry = {
  Referral: (referral: Referral) => ({ people: [referral.workerFiscalCode] }),
};
