import { Worker } from './worker.type';

/**
 * `_entities` for Worker. The person lives in the workers subgraph, so any id is
 * answered with a stub: its referrals are then loaded (and are empty for an unknown id).
 */
export function resolveWorkerReference(reference: { id: string }): Worker {
  return Object.assign(new Worker(), { id: reference.id });
}
