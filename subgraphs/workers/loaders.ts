import { type EntityManager, type FilterQuery, type FindOptions } from '@mikro-orm/core';
import { Role } from '../lib/identity';
import { groupLoader, rowLoader } from '../lib/loaders';
import { type RowScope } from '../lib/policy/scope';
import { uuidsOnly } from '../lib/validation';
import { AvailabilityDeclaration, AvailabilityStatusChange } from './availability/availability.entity';
import { DeclaredExperience, Education, TrainingCourse, TrainingSource } from './professional-record/professional-record.entity';
import { ServicePointDirectoryEntry } from '../lib/service-point-directory.entity';
import { Worker } from './worker/worker.entity';
import { WorkerContactsRow } from './contacts/worker-contacts.entity';

/** Row types of the access policy whose rows this subgraph loads (schema/policy/workers.yaml). */
export const ROW_TYPES = { worker: 'Worker', declaration: 'AvailabilityDeclaration', personStatus: 'PersonStatus' } as const;

/**
 * The DataLoaders of one request, bound to its entity manager and to the caller's row
 * scopes. Every loader of a row type puts the scope into its SQL, so a row outside the
 * caller's scope is never loaded and resolves exactly like a missing one. The loaders of
 * value types (history, professional record) are only reached through a parent that was
 * loaded through its scope.
 */
export function createLoaders(em: EntityManager, rows: RowScope) {
  /** `em.find` narrowed to the caller's rows of `type`; no query at all when the caller sees none. */
  function findScoped<T extends object>(type: string, entity: new () => T, where: FilterQuery<T>, options?: FindOptions<T>): Promise<T[]> {
    const scoped = rows.restrict<T>(type, where);
    return scoped === null ? Promise.resolve([]) : (em.find(entity, scoped, options) as Promise<T[]>);
  }

  /**
   * DIDs of workers in the caller's PersonStatus scope: the status check reads a person's
   * DID through the scope on the person (a social worker sees DID status, never DID rows).
   */
  function statusDeclarations(workerIds: string[]): Promise<AvailabilityDeclaration[]> {
    const personScope = rows.filter<Worker>(ROW_TYPES.personStatus);
    if (personScope === null) return Promise.resolve([]);
    const where: FilterQuery<AvailabilityDeclaration> =
      Object.keys(personScope).length === 0
        ? { worker: { $in: workerIds } }
        : { $and: [{ worker: { $in: workerIds } }, { worker: personScope }] };
    return em.find(AvailabilityDeclaration, where, { orderBy: { declaredOn: 'desc', id: 'desc' } });
  }

  return {
    workerById: rowLoader<string, Worker>((ids) => findScoped(ROW_TYPES.worker, Worker, { id: { $in: uuidsOnly(ids) } }), (w) => w.id),
    workerByFiscalCode: rowLoader<string, Worker>(
      (codes) => findScoped(ROW_TYPES.worker, Worker, { fiscalCode: { $in: [...codes] } }),
      (w) => w.fiscalCode,
    ),
    declarationById: rowLoader<string, AvailabilityDeclaration>(
      (ids) => findScoped(ROW_TYPES.declaration, AvailabilityDeclaration, { id: { $in: uuidsOnly(ids) } }),
      (d) => d.id,
    ),
    declarationsByWorker: groupLoader<string, AvailabilityDeclaration>(
      (ids) =>
        findScoped(ROW_TYPES.declaration, AvailabilityDeclaration, { worker: { $in: uuidsOnly(ids) } }, { orderBy: { declaredOn: 'desc', id: 'desc' } }),
      (d) => d.worker.id,
    ),
    /** The person a status check is about, in the caller's PersonStatus scope. */
    statusWorkerByFiscalCode: rowLoader<string, Worker>(
      (codes) => findScoped(ROW_TYPES.personStatus, Worker, { fiscalCode: { $in: [...codes] } }),
      (w) => w.fiscalCode,
    ),
    /** DIDs of a person of the caller's PersonStatus scope, newest first. */
    statusDeclarationsByWorker: groupLoader<string, AvailabilityDeclaration>((ids) => statusDeclarations(uuidsOnly(ids)), (d) => d.worker.id),
    changesByDeclaration: groupLoader<string, AvailabilityStatusChange>(
      (ids) =>
        em.find(AvailabilityStatusChange, { declaration: { $in: uuidsOnly(ids) } }, { orderBy: { recordedAt: 'asc', id: 'asc' } }),
      (c) => c.declaration.id,
    ),
    /** The contacts row of a person: reached only through the person, loaded through their scope. */
    contactsByWorker: rowLoader<string, WorkerContactsRow>(
      (ids) => em.find(WorkerContactsRow, { worker: { $in: uuidsOnly(ids) } }),
      (c) => c.worker.id,
    ),
    educationByWorker: groupLoader<string, Education>(
      (ids) => em.find(Education, { worker: { $in: uuidsOnly(ids) } }, { orderBy: { year: 'asc', id: 'asc' } }),
      (e) => e.worker.id,
    ),
    experienceByWorker: groupLoader<string, DeclaredExperience>(
      (ids) => em.find(DeclaredExperience, { worker: { $in: uuidsOnly(ids) } }, { orderBy: { startDate: 'asc', id: 'asc' } }),
      (e) => e.worker.id,
    ),
    /** A Cassa Edile reads only the training records Casse Edili supplied (architecture.md §4). */
    trainingByWorker: groupLoader<string, TrainingCourse>(
      (ids) =>
        em.find(
          TrainingCourse,
          { worker: { $in: uuidsOnly(ids) }, ...(rows.caller?.role === Role.CASSA_EDILE ? { source: TrainingSource.CASSA_EDILE } : {}) },
          { orderBy: { completedOn: 'asc', id: 'asc' } },
        ),
      (t) => t.worker.id,
    ),
    /** Service points of the replicated directory (reference data: every caller). */
    servicePointByCode: rowLoader<string, ServicePointDirectoryEntry>(
      (codes) => em.find(ServicePointDirectoryEntry, { code: { $in: [...codes] } }),
      (p) => p.code,
    ),
  };
}

export type WorkersLoaders = ReturnType<typeof createLoaders>;
