import { GraphQLError } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type AuditRecord, type AuditStore, MAX_AUDIT_PAGE } from '../../lib/audit';
import { badUserInput, ErrorCode } from '../../lib/errors';
import { Purpose } from '../../lib/identity';
import { PageInfo } from '../../lib/pagination';
import { DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { type WorkersContext } from '../context';
import { Worker } from '../worker/worker.entity';

const DEFAULT_PAGE = 20;

/** One line of a person's access log (GDPR art. 15: who processed my data, when, why). */
@ObjectType({ description: 'One access to the person\'s data: who (user and organisation, in which role), when, for what purpose, through which operation and service.' })
export class AccessLogEntry {
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the data was read or written.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'The organisation that made the request (token org or PDND client).' })
  organisation!: string;

  @Field(() => String, { nullable: true, description: 'The user of that organisation (operator id; a citizen\'s own requests show their fiscal code).' })
  user!: string;

  @Field(() => String, { nullable: true, description: 'The role of the credential (a Role code).' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'The purpose declared for the request (a Purpose code).' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: 'The operation name the client gave, when it gave one.' })
  operationName!: string | null;

  @Field(() => String, { nullable: true, description: 'The service that released or wrote the data (workers, companies, pacts, referrals).' })
  service!: string;

  @Field(() => String, { nullable: true, description: 'ACCESS (read or written online), EXPORT (included in a file export) or PURGE (deleted at the end of its retention; organisation lavoro-graph, user system:retention).' })
  kind!: string;
}

@ObjectType({ description: 'A page of an access log, newest first.' })
export class AccessLogConnection {
  @Field(() => [AccessLogEntry], { description: 'The entries of this page, newest first.' })
  nodes!: AccessLogEntry[];

  @Field(() => PageInfo, { description: 'Paging: pass endCursor as after for the next page.' })
  pageInfo!: PageInfo;
}

/** One record of the audit trail, as the data protection officer reads it. */
@ObjectType({ description: 'A record of the audit trail (architecture.md §6): one request of one service that concerned personal data, or a security or administration event.' })
export class AuditRecordEntry {
  @Field(() => Int, { nullable: true, description: 'Position in the hash chain.' })
  seq!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the record was written (the request ended).' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'ACCESS, SECURITY, EXPORT, PURGE or ADMINISTRATION.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'The service that wrote the record.' })
  service!: string;

  @Field(() => String, { nullable: true, description: 'Request id, the same in the logs of every service the request reached.' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'The calling organisation (token org or PDND client).' })
  organisation!: string;

  @Field(() => String, { nullable: true, description: 'The calling user (token sub).' })
  user!: string;

  @Field(() => String, { nullable: true, description: 'The role of the credential (a Role code).' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'The declared purpose (a Purpose code).' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: 'The operation name the client gave, when it gave one.' })
  operationName!: string | null;

  @Field(() => String, { nullable: true, description: 'Token id (jti), when the credential carried one.' })
  tokenId!: string | null;

  @Field(() => String, { nullable: true, description: 'AgID ModI tracking evidence naming the end user behind a machine client, when sent.' })
  trackingEvidence!: string | null;

  @Field(() => [String], { nullable: true, description: 'Fiscal codes of the people concerned.' })
  people!: string[];

  @Field(() => [String], { nullable: true, description: 'Fiscal codes of the employers concerned.' })
  employers!: string[];

  @Field(() => [String], { nullable: true, description: 'Schema coordinates (Type.field) released.' })
  fieldsReleased!: string[];

  @Field(() => [String], { nullable: true, description: 'Schema coordinates refused (FORBIDDEN).' })
  fieldsRefused!: string[];

  @Field(() => String, { nullable: true, description: 'Coded note of a security or administration event (e.g. RATE_LIMITED).' })
  detail!: string | null;
}

@ObjectType({ description: 'A page of audit records, newest first.' })
export class AuditRecordConnection {
  @Field(() => [AuditRecordEntry], { description: 'The records of this page, newest first.' })
  nodes!: AuditRecordEntry[];

  @Field(() => PageInfo, { description: 'Paging: pass endCursor as after for the next page.' })
  pageInfo!: PageInfo;
}

@ArgsType()
class AuditPageArgs {
  @Field(() => Int, { nullable: true, description: `Number of entries (1-${MAX_AUDIT_PAGE}, default ${DEFAULT_PAGE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}

@ArgsType()
class AuditRecordsArgs extends AuditPageArgs {
  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Only records concerning this person.' })
  person?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Only records concerning this employer.' })
  employer?: string | null;

  @Field(() => String, { nullable: true, description: 'Only requests of this organisation.' })
  organisation?: string | null;

  @Field(() => Purpose, { nullable: true, description: 'Only requests declaring this purpose.' })
  purpose?: Purpose | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only records at or after this time.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only records before this time.' })
  to?: Date | null;
}

function storeOf(ctx: WorkersContext): AuditStore {
  const store = ctx.platform?.audit;
  if (!store) throw new GraphQLError('The audit trail is not available in this process', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  return store;
}

function pageOf(args: AuditPageArgs): { first: number; after: string | null } {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE) throw badUserInput([{ path: 'first', message: `must be between 1 and ${MAX_AUDIT_PAGE}` }]);
  return { first, after: args.after ?? null };
}

function pageInfo(endCursor: string | null, hasNextPage: boolean, after: string | null): PageInfo {
  return { hasNextPage, hasPreviousPage: after !== null, startCursor: null, endCursor };
}

function entryOf(record: AuditRecord): AuditRecordEntry {
  return {
    seq: record.seq,
    at: record.at,
    kind: record.kind,
    service: record.subgraph,
    requestId: record.requestId,
    organisation: record.organisation,
    user: record.subject,
    role: record.role,
    purpose: record.purpose,
    operationName: record.operationName ?? null,
    tokenId: record.tokenId ?? null,
    trackingEvidence: record.trackingEvidence ?? null,
    people: [...(record.people ?? [])],
    employers: [...(record.employers ?? [])],
    fieldsReleased: [...(record.fieldsReleased ?? [])],
    fieldsRefused: [...(record.fieldsRefused ?? [])],
    detail: record.detail ?? null,
  };
}

/**
 * The audit trail as people read it: a citizen their own access log (`me { accessLog }`),
 * a data protection officer the records by person, employer, organisation, purpose or
 * period. Both read the one shared audit store.
 */
@Resolver(() => Worker)
export class AccessLogResolver {
  @Query(() => Worker, { nullable: true, description: 'The person themselves (role CITIZEN, purpose SELF_SERVICE): their record as held here, and their access log.' })
  async me(@Ctx() ctx: WorkersContext): Promise<Worker | null> {
    if (!ctx.caller) return null;
    return ctx.loaders.workerByFiscalCode.load(ctx.caller.subject);
  }

  @FieldResolver(() => AccessLogConnection, { nullable: true, description: 'Who read or wrote this person\'s data, when and for what purpose, newest first (GDPR art. 15). For the person themselves.' })
  async accessLog(@Root() worker: Worker, @Args(() => AuditPageArgs) args: AuditPageArgs, @Ctx() ctx: WorkersContext): Promise<AccessLogConnection | null> {
    // The row scope already limits a citizen to themselves; this keeps the log theirs only.
    if (!worker.fiscalCode || ctx.caller?.subject !== worker.fiscalCode) return null;
    const page = pageOf(args);
    const result = await storeOf(ctx).accessLogOf(worker.fiscalCode, page);
    return {
      nodes: result.entries.map((e) => ({
        at: e.at,
        organisation: e.organisation,
        user: e.subject,
        role: e.role,
        purpose: e.purpose,
        operationName: e.operationName,
        service: e.subgraph,
        kind: e.kind,
      })),
      pageInfo: pageInfo(result.endCursor, result.hasNextPage, page.after),
    };
  }
}

@Resolver()
export class AuditRecordsResolver {
  @Query(() => AuditRecordConnection, { nullable: true, description: 'The audit trail for the data protection officer (purpose SUPERVISION): records by person, employer, organisation, purpose or period, newest first.' })
  async auditRecords(@Args(() => AuditRecordsArgs) args: AuditRecordsArgs, @Ctx() ctx: WorkersContext): Promise<AuditRecordConnection> {
    const page = pageOf(args);
    if (args.from && args.to && args.from >= args.to) throw badUserInput([{ path: 'to', message: 'must be after from' }]);
    const result = await storeOf(ctx).query(
      {
        person: args.person ?? undefined,
        employer: args.employer ?? undefined,
        organisation: args.organisation ?? undefined,
        purpose: args.purpose ?? undefined,
        from: args.from ?? undefined,
        to: args.to ?? undefined,
      },
      page,
    );
    return { nodes: result.records.map(entryOf), pageInfo: pageInfo(result.endCursor, result.hasNextPage, page.after) };
  }
}

