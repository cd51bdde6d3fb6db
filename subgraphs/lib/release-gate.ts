import { type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { AuditKind, type AuditCollector, type AuditAppender, auditPlugin } from './audit';
import { type Caller } from './identity';
import { type Logger } from './logger';
import { type ExtractionGuard, extractionKeyOf, rateLimited } from './security';

export interface ReleaseGateOptions<Context extends BaseContext> {
  subgraph: string;
  /** The daily budgets of distinct people and employers; none: no budget is applied. */
  guard?: ExtractionGuard | null;
  /** The audit trail; none: nothing is recorded (tests, or the benchmark's diagnostic). */
  audit?: AuditAppender | null;
  collectorOf: (context: Context) => AuditCollector | null | undefined;
  callerOf: (context: Context) => Caller | null | undefined;
  loggerOf: (context: Context) => Logger;
}

/**
 * The last step before a subgraph's answer leaves, in this order:
 * 1. the daily budget of distinct people and employers of the caller's (organisation,
 *    user, purpose) admits the ones this answer concerns, or the answer is replaced by a
 *    RATE_LIMITED error (no data released) and the request is marked a SECURITY event;
 * 2. the audit record of the request is appended (the response waits for it; when it
 *    cannot be written no data leaves).
 * One plugin, because Apollo runs the `willSendResponse` hooks of different plugins
 * concurrently and the record must say whether the data was released.
 * Mutations are not held to the budget: they write one person's record at a time and
 * are recorded like every other request.
 */
export function releaseGatePlugin<Context extends BaseContext>(options: ReleaseGateOptions<Context>): ApolloServerPlugin<Context> {
  const audit = options.audit
    ? auditPlugin<Context>({
        store: options.audit,
        subgraph: options.subgraph,
        collectorOf: options.collectorOf,
        callerOf: options.callerOf,
        onError: (error, context) => options.loggerOf(context).error({ err: { message: (error as Error).message } }, 'audit record not written; response withheld'),
      })
    : undefined;
  return {
    async requestDidStart(start) {
      const auditListener = audit?.requestDidStart ? await audit.requestDidStart(start) : undefined;
      return {
        async willSendResponse(request) {
          const collector = options.collectorOf(request.contextValue);
          const caller = options.callerOf(request.contextValue);
          if (options.guard && collector && caller && request.operation?.operation !== 'mutation') {
            await collector.settle();
            if (collector.people.size > 0 || collector.employers.size > 0) {
              const admission = await options.guard.admit(extractionKeyOf(caller), collector.people, collector.employers);
              if (!admission.ok) {
                if (admission.limit === 'LIMITER_UNAVAILABLE') {
                  options.loggerOf(request.contextValue).error({ err: { message: admission.cause } }, 'daily budget limiter unavailable');
                }
                request.response.body = { kind: 'single', singleResult: { data: null, errors: [rateLimited(admission).toJSON()] } };
                collector.mark(AuditKind.SECURITY, 'RATE_LIMITED');
              }
            }
          }
          await auditListener?.willSendResponse?.(request);
        },
      };
    },
  };
}
