import { type Worker, workerRef } from './worker.type';

/**
 * `_entities` for Worker. The person's row lives in the workers subgraph; this one only
 * needs the id for its own fields, which load through the request's loaders. An id
 * unknown here resolves to a Worker with no pacts and no household.
 */
export function resolveWorkerReference(reference: { id: string }): Worker {
  return workerRef(reference.id);
}
