import { backgroundOf, type SubgraphModule } from '../lib/subgraph';
import { ExportJob, exportRunner } from '../lib/export';
import { internalEventDispatcher } from '../lib/outbox/internal-events';
import { OutboxEvent } from '../lib/outbox/outbox-event.entity';
import { WORKERS_EVENT_ROUTES } from './events';
import { WorkerExportResolver } from './export/worker-export.resolver';
import { registryExport, trainingExport } from './export/worker-export.source';
import { AccessLogResolver, AuditRecordsResolver } from './access-log/access-log.resolver';
import { AvailabilityDeclaration, AvailabilityStatusChange } from './availability/availability.entity';
import { AvailabilityDeclarationResolver, WorkerAvailabilityResolver } from './availability/availability.resolver';
import { DidChangeProposal } from './availability/did-change-proposal.entity';
import { DidChangeProposalResolver } from './availability/did-change-proposal.resolver';
import { createLoaders, type WorkersLoaders } from './loaders';
import { migrations } from './migrations';
import { rowScopes } from './scopes';
import { auditSubjects } from './audit';
import { DeclaredExperience, Education, TrainingCourse } from './professional-record/professional-record.entity';
import { ProfessionalRecordResolver } from './professional-record/professional-record.resolver';
import { TrainingSubmissionResolver } from './professional-record/training-submission';
import { applyEmploymentLinkEvent, EMPLOYMENT_LINK_TOPIC } from './employment-link/employment-link.events';
import { APPOINTMENT_NO_SHOW_TOPIC, applyAppointmentNoShowEvent } from './availability/no-show.events';
import { runDidSchedule } from './availability/did-schedule.background';
import { type WorkersContext } from './context';
import { PersonStatusResolver, resolvePersonStatusReference } from './status-check/person-status.resolver';
import { PersonStatus } from './status-check/person-status.type';
import { EmploymentLink } from './employment-link/employment-link.entity';
import { ServicePointDirectoryEntry } from '../lib/service-point-directory.entity';
import { Worker } from './worker/worker.entity';
import { WorkerContactsRow } from './contacts/worker-contacts.entity';
import { WorkerContactsResolver } from './contacts/worker-contacts.resolver';
import { resolveWorkerReference } from './worker/worker.reference';
import { WorkerResolver } from './worker/worker.resolver';
import { NeighbourhoodDeskDidsResolver } from './neighbourhood-desk/neighbourhood-desk.resolver';

/** What the workers subgraph exports in bulk for a Cassa Edile. */
const WORKERS_EXPORTS = { REGISTRY: registryExport, TRAINING: trainingExport };

/** The workers subgraph: people, their professional record (SAP) and their DID. */
export const workersSubgraph: SubgraphModule<WorkersLoaders> = {
  name: 'workers',
  entities: [
    Worker,
    WorkerContactsRow,
    Education,
    DeclaredExperience,
    TrainingCourse,
    AvailabilityDeclaration,
    AvailabilityStatusChange,
    DidChangeProposal,
    ServicePointDirectoryEntry,
    EmploymentLink,
    ExportJob,
    OutboxEvent,
  ],
  resolvers: [NeighbourhoodDeskDidsResolver, AccessLogResolver, AuditRecordsResolver, WorkerResolver, WorkerContactsResolver, ProfessionalRecordResolver, TrainingSubmissionResolver, AvailabilityDeclarationResolver, WorkerAvailabilityResolver, DidChangeProposalResolver, PersonStatusResolver, WorkerExportResolver],
  orphanedTypes: [PersonStatus],
  referenceResolvers: {
    Worker: { __resolveReference: resolveWorkerReference },
    PersonStatus: { __resolveReference: resolvePersonStatusReference },
    AvailabilityDeclaration: {
      // By id through the scoped loader: a DID outside the caller's scope resolves to null.
      __resolveReference: (reference: { id?: unknown }, ctx: WorkersContext) =>
        typeof reference.id === 'string' ? ctx.loaders.declarationById.load(reference.id) : null,
    },
  },
  createLoaders,
  rowScopes,
  auditSubjects,
  migrations,
  eventHandlers: { [EMPLOYMENT_LINK_TOPIC]: applyEmploymentLinkEvent, [APPOINTMENT_NO_SHOW_TOPIC]: applyAppointmentNoShowEvent },
  exports: WORKERS_EXPORTS,
  background: backgroundOf(exportRunner('workers', WORKERS_EXPORTS), internalEventDispatcher(WORKERS_EVENT_ROUTES), runDidSchedule),
};
