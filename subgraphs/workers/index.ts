import { type SubgraphModule } from '../lib/subgraph';
import { AvailabilityDeclaration, AvailabilityStatusChange } from './availability/availability.entity';
import { AvailabilityDeclarationResolver, WorkerAvailabilityResolver } from './availability/availability.resolver';
import { createLoaders, type WorkersLoaders } from './loaders';
import { migrations } from './migrations';
import { rowScopes } from './scopes';
import { DeclaredExperience, Education, TrainingCourse } from './professional-record/professional-record.entity';
import { ProfessionalRecordResolver } from './professional-record/professional-record.resolver';
import { type WorkersContext } from './context';
import { PersonStatusResolver, resolvePersonStatusReference } from './status-check/person-status.resolver';
import { PersonStatus } from './status-check/person-status.type';
import { Worker } from './worker/worker.entity';
import { resolveWorkerReference } from './worker/worker.reference';
import { WorkerResolver } from './worker/worker.resolver';

/** The workers subgraph: people, their professional record (SAP) and their DID. */
export const workersSubgraph: SubgraphModule<WorkersLoaders> = {
  name: 'workers',
  entities: [Worker, Education, DeclaredExperience, TrainingCourse, AvailabilityDeclaration, AvailabilityStatusChange],
  resolvers: [WorkerResolver, ProfessionalRecordResolver, AvailabilityDeclarationResolver, WorkerAvailabilityResolver, PersonStatusResolver],
  orphanedTypes: [PersonStatus],
  referenceResolvers: {
    Worker: { __resolveReference: resolveWorkerReference },
    PersonStatus: { __resolveReference: resolvePersonStatusReference },
    AvailabilityDeclaration: {
      __resolveReference: (reference: { id: string }, ctx: WorkersContext) => ctx.loaders.declarationById.load(reference.id),
    },
  },
  createLoaders,
  rowScopes,
  migrations,
};
