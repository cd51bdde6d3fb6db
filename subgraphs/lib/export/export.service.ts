import { type FilterQuery } from '@mikro-orm/core';
import { type RequestContext } from '../context';
import { badUserInput, type InputProblem, notFound } from '../errors';
import { monthsAfter, monthsBefore, readRetentionSettings } from '../retention';
import { type ConnectionArgs, type ConnectionShape, checkConnectionArgs, paginate } from '../pagination';
import { type BulkExport } from './bulk-export.type';
import { loadExportConfig } from './config';
import { type ExportDataset, type ExportFormat, ExportJob, ExportStatus, ExportTrigger } from './export-job.entity';
import { signExportLink } from './link';
import { type OverdueExportConfirmation } from './overdue-export-confirmation.type';
import { createExportJob } from './runner';

/** The row type of the policy that overdue confirmations are scoped by (the DPO sees all). */
export const OVERDUE_EXPORT_CONFIRMATION_TYPE = 'OverdueExportConfirmation';

/** The row type of the policy that exports are scoped by (`own-recipient`). */
export const BULK_EXPORT_TYPE = 'BulkExport';

const CASSA_CODE = /^[A-Z0-9]{2,10}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Exports a recipient may have PENDING or RUNNING at once (per subgraph). */
export const MAX_OPEN_EXPORTS = 5;

/**
 * The view of a job for its recipient; a fresh signed download link when it is READY,
 * its file not past expiry nor confirmed deleted, and the caller is its recipient (links are never issued for
 * someone else's export, even if a scope let it be seen).
 */
export function bulkExportOf(job: ExportJob, ctx: RequestContext, subgraph: string, now: Date = new Date()): BulkExport {
  const config = loadExportConfig(subgraph);
  const linkable =
    job.status === ExportStatus.READY && !job.deletionConfirmedAt && !!config.linkSecret && job.recipient === ctx.caller?.organisation && (!job.expiresAt || job.expiresAt > now);
  const link = linkable ? signExportLink({ secret: config.linkSecret!, subgraph, id: job.id, now, ttlSeconds: config.linkTtlSeconds }) : null;
  return {
    id: job.id,
    status: job.status,
    dataset: job.dataset,
    format: job.format,
    activeFrom: job.periodFrom ?? null,
    activeTo: job.periodTo ?? null,
    requestedAt: job.requestedAt,
    completedAt: job.completedAt ?? null,
    expiresAt: job.expiresAt ?? null,
    rowCount: job.rowCount ?? null,
    byteCount: job.byteCount ?? null,
    sha256: job.sha256 ?? null,
    error: job.error ?? null,
    downloadUrl: link?.path ?? null,
    downloadUrlExpiresAt: link?.expiresAt ?? null,
    deletionConfirmedAt: job.deletionConfirmedAt ?? null,
  };
}

/** Problems of a requested period (dates already valid as scalars). */
export function periodProblems(from: string | null | undefined, to: string | null | undefined, path = 'input'): InputProblem[] {
  if (from && to && from > to) return [{ path: `${path}.activeTo`, message: 'must not be before activeFrom' }];
  return [];
}

/**
 * Queues an export of `dataset` for the calling Cassa Edile (its token `org` is the
 * recipient); the background runner writes it. Refused (BAD_USER_INPUT) when the
 * credential names no Cassa Edile code, the period is reversed, or the recipient already
 * has {@link MAX_OPEN_EXPORTS} exports waiting or running.
 */
export async function requestExport(
  ctx: RequestContext,
  subgraph: string,
  request: { dataset: ExportDataset; format: ExportFormat; activeFrom?: string | null; activeTo?: string | null },
): Promise<BulkExport> {
  const recipient = ctx.caller?.organisation ?? '';
  const problems = periodProblems(request.activeFrom, request.activeTo);
  if (!CASSA_CODE.test(recipient)) problems.push({ path: 'input', message: 'the credential names no Cassa Edile code (token org, e.g. MI00) to export for' });
  if (problems.length) throw badUserInput(problems);
  const open = await ctx.em.count(ExportJob, { recipient, status: { $in: [ExportStatus.PENDING, ExportStatus.RUNNING] } });
  if (open >= MAX_OPEN_EXPORTS) throw badUserInput([{ path: 'input', message: `${MAX_OPEN_EXPORTS} exports are already waiting or running; wait for one to finish` }]);
  const job = createExportJob(ctx.em, {
    recipient,
    dataset: request.dataset,
    format: request.format,
    trigger: ExportTrigger.REQUEST,
    requestedBy: ctx.caller!.subject,
    periodFrom: request.activeFrom ?? null,
    periodTo: request.activeTo ?? null,
  });
  await ctx.em.flush();
  return bulkExportOf(job, ctx, subgraph);
}

/** One export of the caller's, by id; null when unknown, not a uuid, or someone else's. */
export async function findExport(ctx: RequestContext, subgraph: string, id: string, datasets: readonly ExportDataset[]): Promise<BulkExport | null> {
  if (!UUID.test(id)) return null;
  const where = ctx.rows.restrict<ExportJob>(BULK_EXPORT_TYPE, { id, dataset: { $in: [...datasets] } });
  if (where === null) return null;
  const job = await ctx.em.findOne(ExportJob, where);
  return job ? bulkExportOf(job, ctx, subgraph) : null;
}

/** The caller's exports of these datasets, newest first. */
export async function listExports(ctx: RequestContext, subgraph: string, args: ConnectionArgs, datasets: readonly ExportDataset[]): Promise<ConnectionShape<BulkExport>> {
  const where = ctx.rows.restrict<ExportJob>(BULK_EXPORT_TYPE, { dataset: { $in: [...datasets] } } as FilterQuery<ExportJob>);
  if (where === null) {
    const problems = checkConnectionArgs(args, ctx.maxPageSize);
    if (problems.length) throw badUserInput(problems);
    return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
  }
  const page = await paginate(ctx.em, ExportJob, where, args, { orderBy: { requestedAt: 'desc', id: 'desc' }, maxPageSize: ctx.maxPageSize });
  const nodes = page.nodes.map((job) => bulkExportOf(job, ctx, subgraph));
  return { ...page, nodes, edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i]! })) };
}

/**
 * Records that the calling Cassa Edile deleted its copy of one of its exports (convention
 * art. 3). Through the row scope: an unknown id and someone else's export are both
 * NOT_FOUND. Refused (BAD_USER_INPUT on `id`) unless the export was downloaded at least
 * once, since there is nothing to delete otherwise. Idempotent: the first confirmation
 * time stays. A READY export so confirmed gets no more links, and the background runner
 * deletes its file at its next pass (tombstone reason RECIPIENT_CONFIRMED).
 */
export async function confirmExportDeletion(ctx: RequestContext, subgraph: string, id: string, datasets: readonly ExportDataset[], now: Date = new Date()): Promise<BulkExport> {
  const where = UUID.test(id) ? ctx.rows.restrict<ExportJob>(BULK_EXPORT_TYPE, { id, dataset: { $in: [...datasets] } }) : null;
  if (where === null) throw notFound(`Export ${id}`);
  // The condition keeps the first confirmation and refuses one before any download, whoever comes first.
  await ctx.em.nativeUpdate(ExportJob, { $and: [where, { firstDownloadedAt: { $ne: null }, deletionConfirmedAt: null }] } as FilterQuery<ExportJob>, { deletionConfirmedAt: now });
  const job = await ctx.em.fork().findOne(ExportJob, where);
  if (!job) throw notFound(`Export ${id}`);
  if (!job.deletionConfirmedAt) throw badUserInput([{ path: 'id', message: 'this export was never downloaded: there is no copy to confirm deleting' }]);
  return bulkExportOf(job, ctx, subgraph, now);
}

/**
 * For the data protection officer: the exports of these datasets that a Cassa Edile
 * downloaded and has not confirmed deleting within `CASSA_EDILE_RETENTION_MONTHS`
 * (default 24) of the first download, most overdue first. One query, filtered in SQL.
 */
export async function overdueExportConfirmations(ctx: RequestContext, datasets: readonly ExportDataset[], now: Date = new Date()): Promise<OverdueExportConfirmation[]> {
  const { retentionMonths } = readRetentionSettings();
  const where = ctx.rows.restrict<ExportJob>(OVERDUE_EXPORT_CONFIRMATION_TYPE, {
    dataset: { $in: [...datasets] },
    firstDownloadedAt: { $lt: monthsBefore(now, retentionMonths) },
    deletionConfirmedAt: null,
  });
  if (where === null) return [];
  const jobs = await ctx.em.find(ExportJob, where, { orderBy: { firstDownloadedAt: 'asc', id: 'asc' }, fields: ['id', 'recipient', 'dataset', 'firstDownloadedAt'] });
  return jobs.map((job) => {
    const dueSince = monthsAfter(job.firstDownloadedAt!, retentionMonths);
    return {
      cassaCode: job.recipient,
      exportId: job.id,
      dataset: job.dataset,
      firstDownloadedAt: job.firstDownloadedAt!,
      dueSince,
      daysOverdue: Math.floor((now.getTime() - dueSince.getTime()) / 86_400_000),
    };
  });
}
