import { daysBetween, today } from '../../lib/dates';
import { type ConnectionArgs, type ConnectionShape, pageInMemory } from '../../lib/pagination';
import { type PactsContext } from '../context';
import { convocationStatus } from '../convocation-exclusion/convocation-exclusion.service';
import { emptyConnection } from '../scopes';
import { ServicePactState } from '../service-pact/service-pact.entity';
import { ActivationRouting } from './activation-routing.entity';

/**
 * The job centre's activation worklist: the members routed to a job centre of its
 * territory by a preliminary analysis who have no service pact proposed since, longest
 * waiting first. People with a do-not-convene decision in force are left out unless
 * asked for, and then say why (the coded reason).
 */
export async function activationWorklist(
  ctx: PactsContext,
  args: ConnectionArgs & { includeExcluded?: boolean | null },
): Promise<ConnectionShape<ActivationRouting>> {
  const where = ctx.rows.restrict<ActivationRouting>('ActivationRouting', {});
  if (where === null) return emptyConnection(args, ctx.maxPageSize);
  const routings = await ctx.em.find(ActivationRouting, where);
  const answered = await Promise.all(
    routings.map(async (r) =>
      (await ctx.loaders.statusPactsByFiscalCode.load(r.fiscalCode)).some((p) => p.proposedOn >= r.routedOn && p.state !== ServicePactState.CANCELLED),
    ),
  );
  const waiting = routings.filter((_, i) => !answered[i]);
  const excluded = await Promise.all(waiting.map(async (r) => (await convocationStatus(r.fiscalCode, ctx)).excluded));
  const items = waiting.filter((_, i) => args.includeExcluded || !excluded[i]).map((r) => ({ key: [r.routedOn, r.id], node: r }));
  return pageInMemory(items, args, ctx.maxPageSize);
}

/** Whole days the member has waited since the analysis routed them, on the Italian calendar. */
export function waitingDays(routing: ActivationRouting, on: string = today()): number {
  return Math.max(0, daysBetween(routing.routedOn, on));
}
