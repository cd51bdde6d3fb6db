import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type ReferralsContext } from '../context';
import { Referral } from '../referral/referral.entity';
import { ServicePoint } from '../service-point/service-point.entity';
import { DeskStatisticsDimension } from './desk-contact.codes';
import { DeskContact, DeskContactEvent } from './desk-contact.entity';
import { ReferFromDeskContactInput, RegisterDeskContactInput, DeskStatisticsPeriodInput } from './desk-contact.input';
import { DeskContactService } from './desk-contact.service';
import { DeskContactStatistics, deskContactStatistics } from './desk-contact-statistics';

const CONTACT_ID = { description: 'Id of the desk contact.' };

@Resolver(() => DeskContact)
export class DeskContactResolver {
  @Query(() => DeskContact, { nullable: true, description: 'The desk contact with this id, or null when there is none or it is another organisation\'s.' })
  deskContact(@Arg('id', () => ID, CONTACT_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<DeskContact | null> {
    return ctx.loaders.deskContactById.load(id);
  }

  @Query(() => DeskContactStatistics, {
    nullable: true,
    description: 'Contacts of the sportelli sociali of the caller\'s territory by desk, type of user, need and month or quarter (protocollo sportello sociale art. 2): counts only, every cell below the minimum cell count suppressed with its complements. BAD_USER_INPUT for a reversed or over-long period or a repeated dimension.',
  })
  deskContactStatistics(
    @Arg('period', () => DeskStatisticsPeriodInput, { description: 'Whole days, both ends included.' }) period: DeskStatisticsPeriodInput,
    @Arg('groupBy', () => [DeskStatisticsDimension], { description: 'Dimensions of the cells; none gives the total only.' }) groupBy: DeskStatisticsDimension[],
    @Ctx() ctx: ReferralsContext,
  ): Promise<DeskContactStatistics> {
    return deskContactStatistics(ctx, period, groupBy);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'The sportello sociale.' })
  desk(@Root() contact: DeskContact, @Ctx() ctx: ReferralsContext): Promise<ServicePoint | null> {
    return ctx.loaders.servicePointByCode.load(contact.desk.code);
  }

  @FieldResolver(() => [Referral], { nullable: true, description: 'Referrals made from this contact (their status: the desk sees what it sent), oldest first.' })
  async referrals(@Root() contact: DeskContact, @Ctx() ctx: ReferralsContext): Promise<Referral[]> {
    const events = await ctx.loaders.eventsByDeskContact.load(contact.id);
    const ids = events.flatMap((event) => (event.referralId ? [event.referralId] : []));
    const found = await ctx.loaders.referralById.loadMany(ids);
    return found.filter((r): r is Referral => r != null && !(r instanceof Error));
  }

  @FieldResolver(() => [DeskContactEvent], { nullable: true, description: 'Every change, oldest first: who, when, why, under which purpose.' })
  history(@Root() contact: DeskContact, @Ctx() ctx: ReferralsContext): Promise<DeskContactEvent[]> {
    return ctx.loaders.eventsByDeskContact.load(contact.id);
  }

  @Mutation(() => DeskContact, {
    nullable: true,
    description: 'Registers a contact at a sportello sociale, or an outreach contact at a job-centre desk in a public-housing neighbourhood, on the person\'s recorded consent (required). Every problem is listed in one BAD_USER_INPUT. The contact belongs to the caller\'s organisation.',
  })
  registerDeskContact(@Arg('input', () => RegisterDeskContactInput, { description: 'The contact.' }) input: RegisterDeskContactInput, @Ctx() ctx: ReferralsContext): Promise<DeskContact> {
    return new DeskContactService(ctx).register(input);
  }

  @Mutation(() => DeskContact, {
    nullable: true,
    description: 'The person withdraws consent: the fiscal code and worker id are erased, the coded fields stay as an anonymous record, and referrals made from the contact that are SENT or ACCEPTED are WITHDRAWN. A second withdrawal is a CONFLICT; another organisation\'s contact is NOT_FOUND, as an unknown id.',
  })
  withdrawDeskContactConsent(@Arg('id', () => ID, CONTACT_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<DeskContact> {
    return new DeskContactService(ctx).withdrawConsent(id);
  }

  @Mutation(() => Referral, {
    nullable: true,
    description: 'Refers the person of a contact to social services, a job-centre desk or a Cassa Edile: a referral from the contact\'s desk on the legal basis CONSENT, SENT at once through the referral rules. The contact must name the person; after a withdrawal of consent it is a CONFLICT; another organisation\'s contact is NOT_FOUND.',
  })
  referFromDeskContact(@Arg('input', () => ReferFromDeskContactInput, { description: 'The contact, the receiving service point and the motivation.' }) input: ReferFromDeskContactInput, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new DeskContactService(ctx).refer(input);
  }
}
