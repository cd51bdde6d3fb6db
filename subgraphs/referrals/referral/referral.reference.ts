import { type ReferralsContext } from '../context';
import { type Referral } from './referral.entity';

/** `_entities` for Referral, through the request's loader. */
export function resolveReferralReference(reference: { id: string }, ctx: ReferralsContext): Promise<Referral | null> {
  return ctx.loaders.referralById.load(reference.id);
}
