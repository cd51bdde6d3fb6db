import { randomUUID } from 'node:crypto';
import { type AuditRecordInput } from './chain';
import { AuditKind } from './audit-record.entity';

/** Why retention deleted something. */
export type TombstoneReason = 'VERIFICATION_CLOSED' | 'RETENTION_LIMIT' | 'EXPIRED' | 'RECIPIENT_CONFIRMED';

/** What a deletion removed, for its tombstone: coded, counted, with the people and employers it concerned. */
export interface Tombstone {
  /** The subgraph that deleted it. */
  subgraph: string;
  /** What was deleted, coded (`CASSA_EDILE_NOTIFICATION_PAYLOAD`, `BULK_EXPORT_FILE`…). */
  what: string;
  reason: TombstoneReason;
  /** For whom it was held (a Cassa Edile's code). */
  recipient: string;
  /** How many items were deleted. */
  count: number;
  /** Which items: an id, or a range of ids (`seq 12-40`); never a personal value. */
  reference: string;
  people: readonly string[];
  employers: readonly string[];
  at: Date;
}

/** Who deletes on retention: the platform itself, not a caller. */
export const RETENTION_ACTOR = { organisation: 'lavoro-graph', subject: 'system:retention', role: 'SYSTEM', purpose: 'RETENTION' } as const;

/**
 * The audit record a deletion leaves behind (kind `PURGE`): what, why, for whom, how many
 * and which items, and the people and employers concerned, so that a person's access log
 * shows that data about them was deleted and `audit:verify` covers the deletion.
 */
export function tombstoneRecord(tombstone: Tombstone): AuditRecordInput {
  return {
    kind: AuditKind.PURGE,
    at: tombstone.at,
    subgraph: tombstone.subgraph,
    requestId: `purge-${randomUUID()}`,
    ...RETENTION_ACTOR,
    operationName: null,
    tokenId: null,
    trackingEvidence: null,
    people: tombstone.people,
    employers: tombstone.employers,
    detail: `${tombstone.what} ${tombstone.reason} recipient=${tombstone.recipient} count=${tombstone.count} ${tombstone.reference}`,
  };
}
