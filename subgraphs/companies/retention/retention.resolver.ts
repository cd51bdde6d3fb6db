import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { legalDay } from '../../lib/dates';
import { badUserInput } from '../../lib/errors';
import { DateTimeScalar } from '../../lib/scalars';
import { OutboxEvent, OutboxStatus } from '../../lib/outbox/outbox-event.entity';
import { type CompaniesContext } from '../context';
import { NOTICE_TOPIC } from '../notification/cassa-edile-notification';
import { CassaEdileDeletionConfirmation } from './deletion-confirmation.entity';
import { deletionDueDates, DeletionDueReason, type ConfirmationDue, periodKey } from './deletion-due';
import { closedVerificationPeriods } from './verification-periods';
import { readRetentionSettings } from '../../lib/retention';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

@ObjectType({ description: "A Cassa Edile's statement that it deleted what it received for one month's verification (convention art. 3)." })
export class CassaEdileDeletionConfirmationView {
  @Field(() => String, { nullable: true, description: 'The month confirmed, YYYY-MM.' })
  period!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the Cassa Edile confirmed it (the first confirmation; repeating it changes nothing).' })
  confirmedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Notifications of that month delivered to the Cassa Edile, which the confirmation covers.' })
  notifications!: number | null;
}

registerEnumType(DeletionDueReason, {
  name: 'DeletionDueReason',
  description: 'Why a Cassa Edile had to delete what it received.',
  valuesConfig: {
    VERIFICATION_CLOSED: { description: 'Its verification of the month closed, and the grace period (CASSA_EDILE_CONFIRMATION_GRACE_DAYS) has passed.' },
    RETENTION_LIMIT: { description: 'The retention limit after receipt (CASSA_EDILE_RETENTION_MONTHS, at most 24 months) has passed.' },
  },
});

@ObjectType({ description: 'A month of notifications a Cassa Edile received and should have confirmed deleting by now, with no confirmation recorded.' })
export class OverdueDeletionConfirmation {
  @Field(() => String, { nullable: true, description: 'The Cassa Edile (its code).' })
  cassaCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The month of the notifications, YYYY-MM.' })
  period!: string | null;

  @Field(() => Int, { nullable: true, description: 'Notifications of that month delivered to the Cassa Edile.' })
  notifications!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the first of them was delivered.' })
  firstDeliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the confirmation became due.' })
  dueSince!: Date | null;

  @Field(() => DeletionDueReason, { nullable: true, description: 'Why it is due: the verification closed, or the retention limit passed.' })
  reason!: DeletionDueReason | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since it became due.' })
  daysOverdue!: number | null;
}

function checkedPeriod(period: string, now: Date): string {
  const value = period.trim();
  if (!PERIOD.test(value)) throw badUserInput([{ path: 'period', message: 'must be a month in the form YYYY-MM' }]);
  if (value > legalDay(now).slice(0, 7)) throw badUserInput([{ path: 'period', message: 'must not be a future month' }]);
  return value;
}

@Resolver()
export class RetentionResolver {
  @Mutation(() => CassaEdileDeletionConfirmationView, {
    nullable: true,
    description:
      "Records that the calling Cassa Edile (token `org`) deleted the notifications it received for one month (convention art. 3: data is deleted once the checks are done, within 24 months). Idempotent: a second confirmation of the same month returns the first. A month in which nothing was delivered to the caller is refused (BAD_USER_INPUT).",
  })
  async confirmCassaEdileDeletion(
    @Arg('period', () => String, { description: 'The month, YYYY-MM, as the notifications feed groups them (the month the notices were filed).' }) period: string,
    @Ctx() ctx: CompaniesContext,
  ): Promise<CassaEdileDeletionConfirmationView> {
    const cassaCode = ctx.caller?.organisation;
    if (!cassaCode) throw badUserInput([{ path: 'period', message: 'the credential names no organisation (the Cassa Edile code)' }]);
    const month = checkedPeriod(period, new Date());
    const notifications = await ctx.em.count(OutboxEvent, { topic: NOTICE_TOPIC, recipient: cassaCode, period: month, status: OutboxStatus.DELIVERED });
    if (notifications === 0) throw badUserInput([{ path: 'period', message: 'no notification of that month was delivered to this Cassa Edile' }]);
    const em = ctx.em.fork();
    const existing = await em.findOne(CassaEdileDeletionConfirmation, { cassaCode, period: month });
    if (existing) return { period: existing.period, confirmedAt: existing.confirmedAt, notifications };
    const confirmation = em.create(CassaEdileDeletionConfirmation, { cassaCode, period: month, confirmedBy: ctx.caller?.subject ?? 'unknown' });
    try {
      await em.flush();
    } catch (error) {
      // Two confirmations at once: the first one stands.
      const first = await ctx.em.fork().findOne(CassaEdileDeletionConfirmation, { cassaCode, period: month });
      if (!first) throw error;
      return { period: first.period, confirmedAt: first.confirmedAt, notifications };
    }
    return { period: confirmation.period, confirmedAt: confirmation.confirmedAt, notifications };
  }

  @Query(() => [OverdueDeletionConfirmation], {
    nullable: true,
    description:
      "For the data protection officer: the months of notifications each Cassa Edile received and had to confirm deleting by now (its verification closed more than CASSA_EDILE_CONFIRMATION_GRACE_DAYS ago, or the retention limit after the first delivery passed) but has not; most overdue first.",
  })
  async overdueCassaEdileDeletionConfirmations(@Ctx() ctx: CompaniesContext): Promise<OverdueDeletionConfirmation[]> {
    if (ctx.rows.filter('OverdueDeletionConfirmation') === null) return [];
    const now = new Date();
    const closures = new Map((await closedVerificationPeriods(ctx.em)).map((p) => [periodKey(p.cassaCode, p.period), p.closedAt]));
    const dues = await deletionDueDates(ctx.em, readRetentionSettings(), closures);
    return dues
      .filter((due: ConfirmationDue) => due.confirmedAt === null && due.dueSince.getTime() <= now.getTime())
      .sort((a, b) => a.dueSince.getTime() - b.dueSince.getTime())
      .map((due) => ({
        cassaCode: due.cassaCode,
        period: due.period,
        notifications: due.notifications,
        firstDeliveredAt: due.firstDeliveredAt,
        dueSince: due.dueSince,
        reason: due.reason,
        daysOverdue: Math.floor((now.getTime() - due.dueSince.getTime()) / 86_400_000),
      }));
  }
}
