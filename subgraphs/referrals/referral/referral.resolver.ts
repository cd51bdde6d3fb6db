import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { today } from '../../lib/dates';
import { Connection } from '../../lib/pagination';
import { type ReferralsContext } from '../context';
import { ServicePoint } from '../service-point/service-point.entity';
import { Worker } from '../worker/worker.type';
import { Referral, ReferralEvent, ReferralState } from './referral.entity';
import { CloseReferralInput, CreateReferralInput, RejectReferralInput } from './referral.input';
import { ReferralService } from './referral.service';

export const ReferralConnection = Connection(Referral, 'Referral', 'A page of referrals, newest first.');

const REFERRAL_ID = { description: 'Id of the referral.' };

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { nullable: true, description: 'The referral with this id, or null when there is none or it lies outside the caller\'s row scope.' })
  referral(@Arg('id', () => ID, REFERRAL_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral | null> {
    return ctx.loaders.referralById.load(id);
  }

  @FieldResolver(() => Worker, { nullable: true, description: 'The person referred.' })
  worker(@Root() referral: Referral): Worker {
    return Object.assign(new Worker(), { id: referral.workerId });
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'Sending service point.' })
  from(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<ServicePoint | null> {
    return ctx.loaders.servicePointByCode.load(referral.from.code);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'Receiving service point.' })
  to(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<ServicePoint | null> {
    return ctx.loaders.servicePointByCode.load(referral.to.code);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'True when the referral is still SENT after its response deadline (dueBy): it may be set EXPIRED.' })
  responseOverdue(@Root() referral: Referral): boolean {
    return referral.state === ReferralState.SENT && referral.dueBy != null && referral.dueBy < today();
  }

  @FieldResolver(() => [ReferralEvent], { nullable: true, description: 'Every change of state, oldest first.' })
  history(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<ReferralEvent[]> {
    return ctx.loaders.eventsByReferral.load(referral.id);
  }

  @Mutation(() => Referral, {
    nullable: true,
    description: 'Writes a referral, SENT at once unless send is false (then a DRAFT). Checks that both service points exist and differ, the written motivation from a job centre to social services, CONSENT from a sportello sociale, and that the caller may send from the sending point (job centres and social services: a point of their territory; social desks: a sportello sociale, on CONSENT only); every problem is listed in one BAD_USER_INPUT. The referral belongs to the caller\'s organisation.',
  })
  createReferral(@Arg('input', () => CreateReferralInput, { description: 'The referral to write.' }) input: CreateReferralInput, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).create(input);
  }

  @Mutation(() => Referral, { nullable: true, description: 'Sends a DRAFT referral (SENT); the response deadline starts. An illegal transition is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id; a caller acting for the other side is FORBIDDEN.' })
  sendReferral(@Arg('id', () => ID, REFERRAL_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).send(id);
  }

  @Mutation(() => Referral, { nullable: true, description: 'The receiving service point accepts a SENT referral (ACCEPTED). An illegal transition is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id; a caller acting for the other side is FORBIDDEN.' })
  acceptReferral(@Arg('id', () => ID, REFERRAL_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).accept(id);
  }

  @Mutation(() => Referral, { nullable: true, description: 'The receiving service point rejects a SENT referral with a reason (REJECTED). An illegal transition is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id; a caller acting for the other side is FORBIDDEN.' })
  rejectReferral(@Arg('input', () => RejectReferralInput, { description: 'The referral and the reason for rejecting it.' }) input: RejectReferralInput, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).reject(input);
  }

  @Mutation(() => Referral, { nullable: true, description: 'The sender withdraws a SENT or ACCEPTED referral (WITHDRAWN). An illegal transition is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id; a caller acting for the other side is FORBIDDEN.' })
  withdrawReferral(@Arg('id', () => ID, REFERRAL_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).withdraw(id);
  }

  @Mutation(() => Referral, { nullable: true, description: 'Records that the person has been convened for an ACCEPTED referral (APPOINTMENT_SET). An illegal transition is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id; a caller acting for the other side is FORBIDDEN.' })
  setReferralAppointment(@Arg('id', () => ID, REFERRAL_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).setAppointment(id);
  }

  @Mutation(() => Referral, { nullable: true, description: 'The receiving service point takes the person in charge (TAKEN_IN_CHARGE, presa in carico) after the appointment. An illegal transition is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id; a caller acting for the other side is FORBIDDEN.' })
  takeReferralInCharge(@Arg('id', () => ID, REFERRAL_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).takeInCharge(id);
  }

  @Mutation(() => Referral, { nullable: true, description: 'Closes a referral taken in charge, with its outcome (CLOSED). An illegal transition is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id; a caller acting for the other side is FORBIDDEN.' })
  closeReferral(@Arg('input', () => CloseReferralInput, { description: 'The referral and its outcome.' }) input: CloseReferralInput, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).close(input);
  }

  @Mutation(() => Referral, {
    nullable: true,
    description: 'Sets a SENT referral EXPIRED once its response deadline (dueBy) has passed; referrals do not expire on their own. An illegal transition, or a deadline not yet passed, is a CONFLICT; a referral outside the caller\'s scope is NOT_FOUND, as an unknown id. Either side may expire it.',
  })
  expireReferral(@Arg('id', () => ID, REFERRAL_ID) id: string, @Ctx() ctx: ReferralsContext): Promise<Referral> {
    return new ReferralService(ctx).expire(id);
  }
}
