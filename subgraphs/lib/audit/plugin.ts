import { type ApolloServerPlugin, type BaseContext, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors';
import { AuditKind, type AuditRecord } from './audit-record.entity';
import { type AuditRecordInput } from './chain';
import { type AuditCollector } from './collector';
import { coordinateOfPath, releasedCoordinates } from './coordinates';

/** The caller as the audit trail records it (a `Caller` fits). */
export interface AuditCaller {
  subject: string;
  organisation: string;
  role: string;
  purpose: string;
  tokenId?: string | null;
  trackingEvidence?: string | null;
}

/** Where the plugin writes (an `AuditStore` fits). */
export interface AuditAppender {
  append(record: AuditRecordInput): Promise<AuditRecord>;
}

export interface AuditPluginOptions<Context extends BaseContext> {
  store: AuditAppender;
  /** Name recorded as the writer (`workers`...). */
  subgraph: string;
  /** The request's collector (bound to its entity manager with `bindCollector`). */
  collectorOf: (context: Context) => AuditCollector | null | undefined;
  /** The verified caller of the request; null only in tests without authentication. */
  callerOf: (context: Context) => AuditCaller | null | undefined;
  /** Told when a record could not be written (the response is then withheld). */
  onError?: (error: unknown, context: Context) => void;
}

/** Who asked, as every record states it: the caller's organisation, user, role, purpose, token and tracking evidence. */
export function callerFields(caller: AuditCaller): Pick<AuditRecordInput, 'organisation' | 'subject' | 'role' | 'purpose' | 'tokenId' | 'trackingEvidence'> {
  return {
    organisation: caller.organisation,
    subject: caller.subject,
    role: caller.role,
    purpose: caller.purpose,
    tokenId: caller.tokenId ?? null,
    trackingEvidence: caller.trackingEvidence ?? null,
  };
}

/**
 * The record of a request refused as a whole for a security reason (`RATE_LIMITED`,
 * `CREDENTIAL_SUSPENDED`): who asked, for what, and why it was refused; nothing released.
 */
export function securityEvent(caller: AuditCaller, writer: string, requestId: string, detail: string): AuditRecordInput {
  return {
    kind: AuditKind.SECURITY,
    subgraph: writer,
    requestId,
    ...callerFields(caller),
    detail,
  };
}

/** Recorded in place of a caller when a request has none (in-process tests only). */
const UNKNOWN = 'UNKNOWN';

/** What the client receives instead of data that could not be audited. Names no value. */
export const AUDIT_UNAVAILABLE_MESSAGE = 'The audit trail could not be written, so the response is withheld; try again later';

/** Coordinates of the fields answered with FORBIDDEN, from the errors' paths. */
function refusedByErrors<Context extends BaseContext>(request: GraphQLRequestContextWillSendResponse<Context>): string[] {
  const body = request.response.body;
  const errors: readonly GraphQLFormattedError[] = body.kind === 'single' ? (body.singleResult.errors ?? []) : (body.initialResult.errors ?? []);
  if (!request.document) return [];
  const coordinates: string[] = [];
  for (const error of errors) {
    if (error.extensions?.code !== ErrorCode.FORBIDDEN || !error.path) continue;
    const coordinate = coordinateOfPath(request.schema, request.document, request.operationName, error.path);
    if (coordinate) coordinates.push(coordinate);
  }
  return coordinates;
}

/**
 * Appends one ACCESS record (or the kind the collector was marked with) per request
 * that concerned a person or an employer, was refused a field, was a mutation, or was
 * marked; nothing otherwise. The response waits for the append; when it fails the
 * response carries no data, only an INTERNAL_SERVER_ERROR (HTTP 503): no data leaves
 * without its audit record.
 */
export function auditPlugin<Context extends BaseContext>(options: AuditPluginOptions<Context>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(request) {
          const collector = options.collectorOf(request.contextValue);
          if (!collector) return;
          try {
            await collector.settle();
            const refused = new Set([...collector.refused, ...refusedByErrors(request)]);
            const mutation = request.operation?.operation === 'mutation';
            if (!(collector.touched || refused.size > 0 || mutation || collector.forced)) return;
            const released = request.document ? releasedCoordinates(request.schema, request.document, request.operationName, refused) : [];
            const caller = options.callerOf(request.contextValue);
            await options.store.append({
              kind: collector.kind,
              subgraph: options.subgraph,
              requestId: collector.requestId,
              ...callerFields(caller ?? { organisation: UNKNOWN, subject: UNKNOWN, role: UNKNOWN, purpose: UNKNOWN }),
              operationName: request.operationName ?? null,
              people: [...collector.people],
              employers: [...collector.employers],
              // A request refused as a whole (a SECURITY event such as RATE_LIMITED) released nothing.
              fieldsReleased:
                collector.kind === AuditKind.SECURITY ? [] : [...new Set([...released, ...collector.released])].filter((c) => !refused.has(c)),
              fieldsRefused: [...refused],
              detail: collector.detail,
            });
          } catch (error) {
            options.onError?.(error, request.contextValue);
            request.response.body = {
              kind: 'single',
              singleResult: { errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] },
            };
            request.response.http.status = 503;
          }
        },
      };
    },
  };
}
