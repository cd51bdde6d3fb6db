import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../lib/errors';
import { Connection, ConnectionArgs, type ConnectionShape, paginate } from '../../lib/pagination';
import { type ReferralsContext } from '../context';
import { type Referral, ReferralState } from '../referral/referral.entity';
import { ReferralConnection } from '../referral/referral.resolver';
import { ServicePoint, ServicePointKind } from './service-point.entity';

export const ServicePointConnection = Connection(ServicePoint, 'ServicePoint', 'A page of service points, by code.');

@ArgsType()
class ServicePointsArgs extends ConnectionArgs {
  @Field(() => ServicePointKind, { nullable: true, description: 'Only service points of this kind.' })
  kind?: ServicePointKind | null;

  @Field(() => String, { nullable: true, description: 'Only service points in this province (three-digit ISTAT code, e.g. 015).' })
  province?: string | null;
}

@ArgsType()
class ServicePointReferralsArgs extends ConnectionArgs {
  @Field(() => ReferralState, { nullable: true, description: 'Only referrals in this state.' })
  state?: ReferralState | null;
}

@Resolver(() => ServicePoint)
export class ServicePointResolver {
  @Query(() => ServicePoint, { nullable: true, description: 'The service point with this code, or null when there is none.' })
  servicePoint(
    @Arg('code', () => ID, { description: 'Service-point code.' }) code: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ServicePoint | null> {
    return ctx.loaders.servicePointByCode.load(code);
  }

  @Query(() => ServicePointConnection, { description: 'Service points, by code, filtered by kind and province.' })
  servicePoints(@Args(() => ServicePointsArgs) args: ServicePointsArgs, @Ctx() ctx: ReferralsContext) {
    if (args.province != null && !/^\d{3}$/.test(args.province)) {
      throw badUserInput([{ path: 'province', message: 'must be a three-digit ISTAT province code' }]);
    }
    const where: FilterQuery<ServicePoint> = {
      ...(args.kind != null ? { kind: args.kind } : {}),
      ...(args.province != null ? { province: args.province } : {}),
    };
    // The directory is every caller's (scope `all`), but the row scope still decides.
    const scoped = ctx.rows.restrict<ServicePoint>('ServicePoint', where);
    return paginate(ctx.em, ServicePoint, scoped ?? { code: { $in: [] } }, args, { orderBy: { code: 'asc' }, maxPageSize: ctx.maxPageSize });
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'The job centre a decentralised desk belongs to; null for other points.' })
  parent(@Root() point: ServicePoint, @Ctx() ctx: ReferralsContext): Promise<ServicePoint | null> | null {
    return point.parent ? ctx.loaders.servicePointByCode.load(point.parent.code) : null;
  }

  @FieldResolver(() => [ServicePoint], { nullable: true, description: 'Decentralised desks of a job centre, by code; empty for other points.' })
  desks(@Root() point: ServicePoint, @Ctx() ctx: ReferralsContext): Promise<ServicePoint[]> {
    return ctx.loaders.desksByParent.load(point.code);
  }

  @FieldResolver(() => ReferralConnection, { nullable: true, description: 'Inbox: referrals this service point received, newest first; only those the caller may see, and totalCount counts only those.' })
  referralsReceived(
    @Root() point: ServicePoint,
    @Args(() => ServicePointReferralsArgs) args: ServicePointReferralsArgs,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<Referral>> {
    return ctx.loaders.referralsReceived.page(point.code, args, ctx.maxPageSize, args.state ?? null);
  }

  @FieldResolver(() => ReferralConnection, { nullable: true, description: 'Outbox: referrals this service point sent or drafted, newest first; only those the caller may see, and totalCount counts only those.' })
  referralsSent(
    @Root() point: ServicePoint,
    @Args(() => ServicePointReferralsArgs) args: ServicePointReferralsArgs,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<Referral>> {
    return ctx.loaders.referralsSent.page(point.code, args, ctx.maxPageSize, args.state ?? null);
  }
}
