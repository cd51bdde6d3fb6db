/**
 * Bulk exports (modalità massiva, convention art. 2): a subgraph's datasets for a Cassa
 * Edile, streamed in constant memory to gzip NDJSON or CSV, recorded in the audit trail
 * in parts, downloadable through short-lived signed links, deleted at expiry or once the
 * Cassa Edile confirmed deleting its copy (each deletion with a tombstone).
 */
export { exportRunner } from './background';
export { BulkExport } from './bulk-export.type';
export { type ExportConfig, loadExportConfig, MAX_FILE_TTL_HOURS } from './config';
export { serveExportDownload } from './download';
export {
  BULK_EXPORT_TYPE,
  bulkExportOf,
  confirmExportDeletion,
  findExport,
  listExports,
  MAX_OPEN_EXPORTS,
  OVERDUE_EXPORT_CONFIRMATION_TYPE,
  overdueExportConfirmations,
  periodProblems,
  requestExport,
} from './export.service';
export { ExportDataset, ExportFormat, ExportJob, ExportStatus, ExportTrigger } from './export-job.entity';
export { OverdueExportConfirmation } from './overdue-export-confirmation.type';
export { csvField, csvLine, type ExportRow, extensionOf, formatRows } from './format';
export { gatewayDownloadPath, signExportLink, verifyExportLink } from './link';
export {
  claimExportJob,
  createExportJob,
  EXPORT_PURPOSE,
  EXPORT_ROLE,
  type ExpiredExport,
  expireExports,
  type ExpireOptions,
  exportTombstoneReference,
  type ExportAuditAppender,
  exportFilePath,
  type ExportOutcome,
  type ExportRunDeps,
  runExportJob,
} from './runner';
export { loadSchedule, type ScheduledExport, scheduleExports, scheduleSlot } from './schedule';
export { activeInPeriod, bool, type ExportBatch, type ExportScope, type ExportSource, type ExportSources, keysetBatches, num, type RawRow, text } from './source';
