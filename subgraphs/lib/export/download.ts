import { type MikroORM, raw } from '@mikro-orm/core';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { type ExportConfig } from './config';
import { ExportJob, ExportStatus } from './export-job.entity';
import { extensionOf } from './format';
import { verifyExportLink } from './link';
import { exportFilePath } from './runner';

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * `GET /exports/<id>?expires=…&signature=…` of a subgraph (reached through the gateway's
 * `/exports/<subgraph>/<id>`): checks the link's signature (401) and expiry (410), finds
 * a READY export whose file has not expired and that its Cassa Edile has not confirmed
 * deleting (404 otherwise), records the download time
 * and streams the file (`application/gzip`, as an attachment, its SHA-256 in
 * `x-content-sha256`).
 */
export async function serveExportDownload(options: {
  orm: MikroORM;
  subgraph: string;
  config: Pick<ExportConfig, 'dir' | 'linkSecret'>;
  req: IncomingMessage;
  res: ServerResponse;
  id: string;
  search: URLSearchParams;
  now?: Date;
}): Promise<void> {
  const { res, config } = options;
  const now = options.now ?? new Date();
  if (!config.linkSecret) return refuse(res, 404, 'NOT_FOUND', 'Downloads are not enabled (EXPORT_LINK_SECRET is not set)');
  if (options.req.method !== 'GET' && options.req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Downloads take GET');
  const check = verifyExportLink({ secret: config.linkSecret, subgraph: options.subgraph, id: options.id, search: options.search, now });
  if (!check.ok) return refuse(res, check.status, check.status === 401 ? 'INVALID_LINK' : 'LINK_EXPIRED', check.message);
  const em = options.orm.em.fork();
  // A copy the Cassa Edile confirmed deleting is not served again, even on a link issued before.
  const job = await em.findOne(ExportJob, { id: options.id, status: ExportStatus.READY, expiresAt: { $gt: now }, deletionConfirmedAt: null });
  const path = job?.fileName ? exportFilePath(config.dir, job.fileName) : null;
  const size = path ? await stat(path).then((s) => s.size, () => null) : null;
  if (!job || !path || size === null) return refuse(res, 404, 'NOT_FOUND', 'No downloadable export with this id: unknown, not ready, or its file has expired');
  await em.nativeUpdate(ExportJob, { id: job.id }, { downloadCount: raw('download_count + 1'), lastDownloadedAt: now });
  await em.nativeUpdate(ExportJob, { id: job.id, firstDownloadedAt: null }, { firstDownloadedAt: now });
  res.writeHead(200, {
    'content-type': 'application/gzip',
    'content-length': size,
    'content-disposition': `attachment; filename="${job.recipient}-${job.dataset.toLowerCase()}-${job.id}.${extensionOf(job.format)}"`,
    'cache-control': 'no-store',
    'x-content-sha256': job.sha256 ?? '',
  });
  if (options.req.method === 'HEAD') return void res.end();
  await pipeline(createReadStream(path), res);
}
