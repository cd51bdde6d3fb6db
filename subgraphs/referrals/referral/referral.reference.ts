import { type ReferralsContext } from '../context';
import { type Referral } from './referral.entity';

/**
 * `_entities` for Referral: loaded by id alone through the request's scoped loader, so a
 * referral outside the caller's row scope is null exactly like an unknown id, and no other
 * field of the representation is ever read.
 */
export function resolveReferralReference(reference: { id: string }, ctx: ReferralsContext): Promise<Referral | null> {
  return ctx.loaders.referralById.load(reference.id);
}
