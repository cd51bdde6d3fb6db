import { Args, Ctx, Field, Int, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { DateTimeScalar } from '../../lib/scalars';
import { Connection, ConnectionArgs, paginate } from '../../lib/pagination';
import { OutboxEvent, OutboxStatus } from '../../lib/outbox/outbox-event.entity';
import { type CompaniesContext } from '../context';
import { emptyConnection } from '../scopes';
import { NOTICE_TOPIC } from './cassa-edile-notification';

registerEnumType(OutboxStatus, {
  name: 'DeliveryStatus',
  description: 'Where the webhook delivery of an event stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: due now or being retried with backoff.' },
    DELIVERED: { description: 'The webhook answered 2xx.' },
    DEAD: { description: 'Given up after the configured number of attempts (dead letter); recover it from the feed.' },
  },
});

/** A notification for a Cassa Edile (integrated mode) and where its webhook delivery stands. */
@ObjectType({ description: 'A mandatory notice sent to a Cassa Edile in integrated mode (convention art. 2): the event as the webhook delivers it, and its delivery state.' })
export class CassaEdileNotification {
  @Field(() => String, { nullable: true, description: 'Unique id of the event (the X-Event-Id header of the webhook): deduplicate on it.' })
  eventId!: string | null;

  @Field(() => String, { nullable: true, description: 'The event as JSON, byte for byte the body the webhook delivers (and signs); null once retention erased it (see erasedAt).' })
  payload!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the notice was filed and the event written (same transaction).' })
  createdAt!: Date | null;

  @Field(() => OutboxStatus, { nullable: true, description: 'Webhook delivery: PENDING (not yet, or being retried), DELIVERED, or DEAD after the last attempt (recover it from this feed).' })
  deliveryStatus!: OutboxStatus | null;

  @Field(() => Int, { nullable: true, description: 'Delivery attempts made so far.' })
  attempts!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the webhook acknowledged it (2xx); null until then.' })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When retention erased the payload: the verification of its month closed, or the retention limit (at most 24 months) passed; the event id and delivery state stay.' })
  erasedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed: an HTTP status (HTTP_500), TIMEOUT, CONNECTION_FAILED, NO_ENDPOINT or INSECURE_URL.' })
  lastError!: string | null;
}

/** `CassaEdileNotificationConnection` and its edge: the feed, oldest first. */
const CassaEdileNotificationConnection = Connection(CassaEdileNotification, 'CassaEdileNotification', 'Notifications for the calling Cassa Edile, oldest first.');

function asNotification(event: OutboxEvent): CassaEdileNotification {
  return {
    eventId: event.eventId,
    payload: event.erasedAt ? null : JSON.stringify(event.payload),
    erasedAt: event.erasedAt ?? null,
    createdAt: event.createdAt,
    deliveryStatus: event.status,
    attempts: event.attempts,
    deliveredAt: event.deliveredAt ?? null,
    lastError: event.lastError ?? null,
  };
}

@Resolver(() => CassaEdileNotification)
export class CassaEdileNotificationResolver {
  @Query(() => CassaEdileNotificationConnection, {
    nullable: true,
    description:
      'The pull feed of the integrated mode: every notice sent to the calling Cassa Edile (token `org`: its code, as in Employer.cassaEdileCode), oldest first, whatever its webhook delivery; page with `first` and `after` to recover anything missed.',
  })
  async cassaEdileNotifications(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: CompaniesContext) {
    const where = ctx.rows.restrict<OutboxEvent>('CassaEdileNotification', { topic: NOTICE_TOPIC });
    if (where === null) return emptyConnection(args, ctx.maxPageSize);
    const page = await paginate(ctx.em, OutboxEvent, where, args, { orderBy: { seq: 'asc' }, maxPageSize: ctx.maxPageSize });
    const nodes = page.nodes.map(asNotification);
    return { ...page, nodes, edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i]! })) };
  }
}
