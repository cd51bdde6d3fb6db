/**
 * The audit trail (architecture.md §6, privacy.md §7): one hash-chained store shared by
 * every subgraph process, a per-request collector fed by a MikroORM subscriber, an
 * Apollo plugin that writes one record per request before the response leaves, the
 * chain verifier and the queries a citizen's access log and a DPO's search need.
 */
export { AuditIndexState, AuditKind, AuditRecord, AuditSubject, type AuditSubjectKind } from './audit-record.entity';
export { CredentialKind, CredentialSuspension } from './credential-suspension.entity';
export { RETENTION_ACTOR, type Tombstone, tombstoneRecord, type TombstoneReason } from './tombstone';
export { type AuditRecordInput, AuditRecordError, canonicalRecord, chainHash, GENESIS_HASH } from './chain';
export { AuditCollector, auditSubscriber, type AuditRegistry, type AuditSubjects, bindCollector, boundCollector } from './collector';
export { loadAuditConfig, type AuditConfig } from './config';
export { coordinateOfPath, releasedCoordinates, selectedCoordinates } from './coordinates';
export { AUDIT_UNAVAILABLE_MESSAGE, type AuditAppender, type AuditCaller, auditPlugin, type AuditPluginOptions, callerFields, securityEvent } from './plugin';
export {
  type AccessLogEntry,
  type AccessLogPage,
  appendRecords,
  type AuditPage,
  type AuditPageRequest,
  type AuditQuery,
  AuditStore,
  type AuditStoreOptions,
  type AuditTransaction,
  type ChainHead,
  MAX_AUDIT_PAGE,
  MissingAuditTrailError,
  openAuditStore,
} from './store';
export {
  type ChainProblem,
  type ChainProblemKind,
  type ChainVerification,
  type Checkpoint,
  exportCheckpoint,
  formatCheckpoint,
  parseCheckpoint,
  verifyChain,
  type VerifyOptions,
} from './verify';
