import { type EntityManager } from '@mikro-orm/core';
import { groupLoader, rowLoader } from '../lib/loaders';
import { uuidsOnly } from '../lib/validation';
import { AvailabilityDeclaration, AvailabilityStatusChange } from './availability/availability.entity';
import { DeclaredExperience, Education, TrainingCourse } from './professional-record/professional-record.entity';
import { Worker } from './worker/worker.entity';

/** The DataLoaders of one request, bound to its entity manager. */
export function createLoaders(em: EntityManager) {
  return {
    workerById: rowLoader<string, Worker>((ids) => em.find(Worker, { id: { $in: uuidsOnly(ids) } }), (w) => w.id),
    workerByFiscalCode: rowLoader<string, Worker>(
      (codes) => em.find(Worker, { fiscalCode: { $in: [...codes] } }),
      (w) => w.fiscalCode,
    ),
    declarationById: rowLoader<string, AvailabilityDeclaration>(
      (ids) => em.find(AvailabilityDeclaration, { id: { $in: uuidsOnly(ids) } }),
      (d) => d.id,
    ),
    declarationsByWorker: groupLoader<string, AvailabilityDeclaration>(
      (ids) =>
        em.find(AvailabilityDeclaration, { worker: { $in: uuidsOnly(ids) } }, { orderBy: { declaredOn: 'desc', id: 'desc' } }),
      (d) => d.worker.id,
    ),
    changesByDeclaration: groupLoader<string, AvailabilityStatusChange>(
      (ids) =>
        em.find(AvailabilityStatusChange, { declaration: { $in: uuidsOnly(ids) } }, { orderBy: { recordedAt: 'asc', id: 'asc' } }),
      (c) => c.declaration.id,
    ),
    educationByWorker: groupLoader<string, Education>(
      (ids) => em.find(Education, { worker: { $in: uuidsOnly(ids) } }, { orderBy: { year: 'asc', id: 'asc' } }),
      (e) => e.worker.id,
    ),
    experienceByWorker: groupLoader<string, DeclaredExperience>(
      (ids) => em.find(DeclaredExperience, { worker: { $in: uuidsOnly(ids) } }, { orderBy: { startDate: 'asc', id: 'asc' } }),
      (e) => e.worker.id,
    ),
    trainingByWorker: groupLoader<string, TrainingCourse>(
      (ids) => em.find(TrainingCourse, { worker: { $in: uuidsOnly(ids) } }, { orderBy: { completedOn: 'asc', id: 'asc' } }),
      (t) => t.worker.id,
    ),
  };
}

export type WorkersLoaders = ReturnType<typeof createLoaders>;
