import { type ReferralsContext } from '../context';
import { Worker } from './worker.type';

/**
 * `_entities` for Worker. The person lives in the workers subgraph; here a Worker is the
 * stub to which the person's referrals hang, built from the key alone (any other field
 * of the representation is ignored). Its row scope (policy `Worker.rows`):
 * - `all` (job centres, social services, social desks): a stub for any id; its
 *   `referrals` then hold only the referrals in the caller's Referral scope (empty for an
 *   unknown id or one outside the scope);
 * - `self` (citizens): a stub only for the caller's own worker id, known here as the
 *   person of a referral bearing the caller's fiscal code (checked in the database);
 *   any other id is null, as for a row that does not exist;
 * - no rows (every other role): null.
 */
export async function resolveWorkerReference(reference: { id: string }, ctx: ReferralsContext): Promise<Worker | null> {
  const scope = ctx.rows.filter('Worker');
  if (scope === null || typeof reference.id !== 'string') return null;
  const stub = Object.assign(new Worker(), { id: reference.id });
  if (Object.keys(scope).length === 0) return stub;
  return (await ctx.loaders.workerInScope.load(reference.id)) ? stub : null;
}
