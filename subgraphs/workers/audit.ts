import { type AuditRegistry } from '../lib/audit';
import { type AvailabilityDeclaration } from './availability/availability.entity';
import { type Worker } from './worker/worker.entity';
import { type WorkerContactsRow } from './contacts/worker-contacts.entity';

/**
 * Whom each loaded row concerns, for the audit trail: the person's fiscal code. A DID
 * loaded without its person (an `_entities` call by id) names the person when the
 * request loaded them too; parts of the professional record are reached only through
 * the person, who is then recorded.
 */
export const auditSubjects: AuditRegistry = {
  Worker: (worker: Worker) => ({ people: [worker.fiscalCode] }),
  WorkerContactsRow: (contacts: WorkerContactsRow) => ({ people: [contacts.worker?.fiscalCode] }),
  AvailabilityDeclaration: (declaration: AvailabilityDeclaration) => ({ people: [declaration.worker?.fiscalCode] }),
};
