import { BigIntType, Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { registerEnumType } from 'type-graphql';

/** What a bulk export holds (convention art. 2, modalità massiva). */
export enum ExportDataset {
  /** Employment relationships of the construction employers registered with the Cassa Edile (companies). */
  RELATIONSHIPS = 'RELATIONSHIPS',
  /** Registry data of the people those employers employ or employed (workers). */
  REGISTRY = 'REGISTRY',
  /** Training courses in those people's professional records (workers). */
  TRAINING = 'TRAINING',
}
registerEnumType(ExportDataset, {
  name: 'ExportDataset',
  description: 'What a bulk export holds (convention art. 2, modalità massiva).',
  valuesConfig: {
    RELATIONSHIPS: { description: 'Employment relationships of the construction employers registered with the Cassa Edile (companies subgraph).' },
    REGISTRY: { description: 'Registry data (anagrafica) of the people those employers employ or employed (workers subgraph).' },
    TRAINING: { description: 'Training courses of those people, with the body that supplied each record (workers subgraph).' },
  },
});

/** File format of a bulk export; both are gzip-compressed. */
export enum ExportFormat {
  NDJSON = 'NDJSON',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'File format of a bulk export; both are compressed with gzip.',
  valuesConfig: {
    NDJSON: { description: 'One JSON object per line (application/x-ndjson), gzip.' },
    CSV: { description: 'Comma-separated values with a header line (RFC 4180, UTF-8, CRLF), gzip.' },
  },
});

/** How an export came to be requested. */
export enum ExportTrigger {
  REQUEST = 'REQUEST',
  SCHEDULE = 'SCHEDULE',
  COMMAND_LINE = 'COMMAND_LINE',
}

/** Where an export stands: PENDING → RUNNING → READY | FAILED; READY → EXPIRED when its file is deleted (at expiry, or once its recipient confirmed deleting its copy). */
export enum ExportStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ExportStatus, {
  name: 'ExportStatus',
  description: 'Where a bulk export stands.',
  valuesConfig: {
    PENDING: { description: 'Requested; waits for the background runner.' },
    RUNNING: { description: 'Being written.' },
    READY: { description: 'Written, recorded in the audit trail, downloadable until expiresAt.' },
    FAILED: { description: 'Not produced (see the coded error); no file exists.' },
    EXPIRED: { description: 'Its file was deleted, at expiresAt or once the Cassa Edile confirmed deleting its copy; the record stays for the retention process.' },
  },
});

/**
 * One bulk export of a subgraph's data for one Cassa Edile (table `bulk_export`, one per
 * subgraph database): who asked, when, what was written (rows, bytes, SHA-256 of the
 * file), when it was downloaded and when its file goes. Every timestamp a retention
 * process needs is kept; nothing here is personal data of the people exported.
 */
@Entity({ tableName: 'bulk_export' })
@Index({ properties: ['recipient', 'requestedAt'] })
@Index({ properties: ['status', 'expiresAt'] })
export class ExportJob {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Code of the Cassa Edile the export is for (its token `org`, as in Employer.cassaEdileCode). */
  @Property({ type: 'string', length: 10 })
  recipient!: string;

  @Enum({ items: () => ExportDataset, type: 'string' })
  dataset!: ExportDataset;

  @Enum({ items: () => ExportFormat, type: 'string' })
  format!: ExportFormat;

  @Enum({ items: () => ExportTrigger, type: 'string' })
  trigger!: ExportTrigger;

  @Enum({ items: () => ExportStatus, type: 'string' })
  status: Opt<ExportStatus> = ExportStatus.PENDING;

  /** Token subject of the requester, `cli:<account>` or `schedule`. */
  @Property({ type: 'string', length: 200 })
  requestedBy!: string;

  @Property({ type: 'datetime' })
  requestedAt: Opt<Date> = new Date();

  /** Relationships active in [periodFrom, periodTo] only (either bound may be open). */
  @Property({ type: 'date', nullable: true })
  periodFrom?: string | null;

  @Property({ type: 'date', nullable: true })
  periodTo?: string | null;

  /** `<recipient>:<dataset>:<format>:<slot>` of a scheduled export: one job per slot, whoever creates it. */
  @Property({ type: 'string', length: 100, nullable: true, unique: 'bulk_export_slot_key_unique' })
  slotKey?: string | null;

  /** Until when the runner that claimed the job holds it; another may take it over afterwards. */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;

  /** When the file is deleted (READY → EXPIRED). */
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  /** When the file was deleted. */
  @Property({ type: 'datetime', nullable: true })
  expiredAt?: Date | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  rowCount?: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  byteCount?: number | null;

  /** SHA-256 of the file as served (the gzip bytes), hex. */
  @Property({ type: 'string', length: 64, nullable: true })
  sha256?: string | null;

  /** The file, relative to the export directory. */
  @Property({ type: 'string', length: 200, nullable: true })
  fileName?: string | null;

  /** Why it failed, as a code (`AUDIT_UNAVAILABLE`, `WRITE_FAILED`, `QUERY_FAILED`): never personal data. */
  @Property({ type: 'string', length: 40, nullable: true })
  error?: string | null;

  /** Audit records written for it (one per part of at most EXPORT_AUDIT_PART_SIZE rows). */
  @Property({ type: 'integer', nullable: true })
  auditParts?: number | null;

  @Property({ type: 'datetime', nullable: true })
  firstDownloadedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastDownloadedAt?: Date | null;

  @Property({ type: 'integer' })
  downloadCount: Opt<number> = 0;

  /** When the Cassa Edile confirmed it deleted its downloaded copy (the first confirmation; convention art. 3). */
  @Property({ type: 'datetime', nullable: true })
  deletionConfirmedAt?: Date | null;
}
