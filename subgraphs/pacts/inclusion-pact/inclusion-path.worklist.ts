import { today } from '../../lib/dates';
import { type ConnectionArgs, type ConnectionShape, pageInMemory } from '../../lib/pagination';
import { type PactsContext } from '../context';
import { emptyConnection } from '../scopes';
import { SocialInclusionPact } from './inclusion-pact.entity';
import { inclusionPathTimers, STATES_WITH_DEADLINE } from './inclusion-path';

/**
 * The social worker's inclusion-path worklist: the pacts of the caller's scope that wait
 * for a legal deadline (convocation, PaIS signature), soonest due first, optionally the
 * overdue ones only. The due dates are computed, not stored, so the open pacts of the
 * scope (one municipality's) are read and ordered here.
 */
export async function inclusionPathWorklist(
  ctx: PactsContext,
  args: ConnectionArgs & { overdueOnly?: boolean | null },
): Promise<ConnectionShape<SocialInclusionPact>> {
  const where = ctx.rows.restrict<SocialInclusionPact>('SocialInclusionPact', { state: { $in: [...STATES_WITH_DEADLINE] } });
  if (where === null) return emptyConnection(args, ctx.maxPageSize);
  const on = today();
  const items = (await ctx.em.find(SocialInclusionPact, where))
    .map((pact) => ({ pact, timers: inclusionPathTimers(pact, on) }))
    .filter(({ timers }) => !args.overdueOnly || timers.overdue)
    .map(({ pact, timers }) => ({ key: [timers.nextDueOn!, pact.id], node: pact }));
  return pageInMemory(items, args, ctx.maxPageSize);
}
