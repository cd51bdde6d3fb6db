import { type PactsContext } from '../context';
import { type Worker, workerRef } from './worker.type';

/**
 * The Worker stub for a worker id, if the caller's Worker scope admits it, else null
 * (exactly as for an id that does not exist). The person's row lives in the workers
 * subgraph; here a Worker is the stub to which pacts and household hang, built from the
 * id alone. Its row scope (policy `Worker.rows`):
 * - `all` (job centres, social services): a stub for any id; its `servicePacts` and
 *   `household` then hold only what the caller's ServicePact and Household scopes admit
 *   (nothing for an unknown id or one outside them);
 * - `self` (citizens): a stub only for the caller's own worker id, known here from a
 *   pact or household row bearing both the id and the caller's fiscal code (checked in
 *   the database, batched);
 * - no rows (every other role): null.
 */
export async function scopedWorker(id: unknown, ctx: PactsContext): Promise<Worker | null> {
  if (typeof id !== 'string') return null;
  const scope = ctx.rows.filter('Worker');
  if (scope === null) return null;
  if (Object.keys(scope).length === 0) return workerRef(id);
  return (await ctx.loaders.workerInScope.load(id)) ? workerRef(id) : null;
}

/**
 * `_entities` for Worker: through {@link scopedWorker} on the key; any other field of the
 * representation is ignored.
 */
export function resolveWorkerReference(reference: { id: string }, ctx: PactsContext): Promise<Worker | null> {
  return scopedWorker(reference.id, ctx);
}
