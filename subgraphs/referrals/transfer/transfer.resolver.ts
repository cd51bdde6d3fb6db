import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type ReferralsContext } from '../context';
import { ReferHouseholdMembersToJobCentreInput, ReferToSocialServicesInput } from './transfer.input';
import { TransferService } from './transfer.service';
import { ReferHouseholdMembersToJobCentreResult, ReferToSocialServicesResult } from './transfer.type';

@Resolver()
export class TransferResolver {
  @Mutation(() => ReferHouseholdMembersToJobCentreResult, {
    nullable: true,
    description:
      'Social services send members of a household to the competent job centre (RdC Annex 5 §1.1): for each member, by fiscal code, the outcome, the competent job centre (service pact holder, else DID holder, else record holder, else by domicile) and the referral SENT (legal basis LEGAL_OBLIGATION, reason WORK_ACTIVATION), whose worker is what the job centre needs to convene them. Members the caller\'s municipality is not in charge of, unknown ones, or ones already referred (the open referral is returned) are outcomes, not errors; the valid members are written in one transaction. A bad input (no member, more than 20, a member twice) is BAD_USER_INPUT and writes nothing.',
  })
  async referHouseholdMembersToJobCentre(
    @Arg('input', () => ReferHouseholdMembersToJobCentreInput, { description: 'The members and an optional motivation.' }) input: ReferHouseholdMembersToJobCentreInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ReferHouseholdMembersToJobCentreResult> {
    return { members: await new TransferService(ctx).toJobCentre(input) };
  }

  @Mutation(() => ReferToSocialServicesResult, {
    nullable: true,
    description:
      'A job centre sends a person to the competent social services (RdC Annex 5 §1.2): those of the municipality in charge of the household\'s inclusion pact, else of the domicile. The written motivation is required (at least 20 characters and 3 words): otherwise BAD_USER_INPUT listing every problem, and nothing is written. Returns the outcome, the competent social services and the referral SENT (or the open one already sent).',
  })
  async referToSocialServices(
    @Arg('input', () => ReferToSocialServicesInput, { description: 'The person and the written motivation.' }) input: ReferToSocialServicesInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ReferToSocialServicesResult> {
    return { person: await new TransferService(ctx).toSocialServices(input) };
  }
}
