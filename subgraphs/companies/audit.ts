import { type AuditRegistry } from '../lib/audit';
import { type CassaEdileAnomaly } from './cassa-edile/anomaly.entity';
import { type MonthlyReturn, type MonthlyReturnLine } from './cassa-edile/monthly-return.entity';
import { type CassaEdileRegistration } from './cassa-edile/registration.entity';
import { type Employer, type WorkSite } from './employer/employer.entity';
import { type MandatoryNotice } from './mandatory-notice/mandatory-notice.entity';
import { type EmploymentRelationship } from './relationship/employment-relationship.entity';
import { type OutboxEvent } from '../lib/outbox/outbox-event.entity';

/** The worker and employer a notification's payload names (see noticePayload). */
function payloadSubjects(event: OutboxEvent) {
  const payload = event.payload as { worker?: { fiscalCode?: string }; employer?: { fiscalCode?: string } };
  return { people: [payload.worker?.fiscalCode], employers: [payload.employer?.fiscalCode] };
}

/** Whom each loaded row concerns, for the audit trail: the worker and the employer (fiscal codes). */
export const auditSubjects: AuditRegistry = {
  Employer: (employer: Employer) => ({ employers: [employer.fiscalCode] }),
  WorkSite: (site: WorkSite) => ({ employers: [site.employer?.fiscalCode] }),
  EmploymentRelationship: (relationship: EmploymentRelationship) => ({ people: [relationship.workerFiscalCode], employers: [relationship.employer?.fiscalCode] }),
  MandatoryNotice: (notice: MandatoryNotice) => ({ people: [notice.workerFiscalCode], employers: [notice.employer?.fiscalCode] }),
  OutboxEvent: payloadSubjects,
  CassaEdileRegistration: (registration: CassaEdileRegistration) => ({ employers: [registration.employer?.fiscalCode] }),
  MonthlyReturn: (monthlyReturn: MonthlyReturn) => ({ employers: [monthlyReturn.employer?.fiscalCode] }),
  // The line's employer is its return's, recorded with the return.
  MonthlyReturnLine: (line: MonthlyReturnLine) => ({ people: [line.workerFiscalCode] }),
  CassaEdileAnomaly: (anomaly: CassaEdileAnomaly) => ({ people: [anomaly.workerFiscalCode], employers: [anomaly.employer?.fiscalCode] }),
};
