import { type AuditRecord } from './audit-record.entity';
import { chainHash, GENESIS_HASH, normaliseList } from './chain';
import { type AuditStore, type ChainHead, recordFromRow, UnreadableRecordError } from './store';

/**
 * What went wrong with the chain:
 * - `EDITED`: a record's content no longer matches its hash, or a record was rewritten
 *   with a recomputed hash so that its successor no longer links to it;
 * - `INSERTED`: a record that the chain does not account for (its successor links past
 *   it, or its seq repeats one already seen);
 * - `DELETED`: records missing (a seq gap, or the first record is not the first one);
 * - `TRUNCATED`: the chain no longer reaches a checkpoint taken earlier, or differs from it there.
 */
export type ChainProblemKind = 'EDITED' | 'INSERTED' | 'DELETED' | 'TRUNCATED';

/** The first problem found, in chain order. Messages carry seqs and hashes only. */
export interface ChainProblem {
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

/** A head exported at some time and kept outside the database (`SEQ:HASH`). */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** When the checkpoint was taken. */
  at?: Date;
}

export interface ChainVerification {
  ok: boolean;
  /** Records checked (all of them when ok; those before the problem otherwise). */
  records: number;
  /** Last record read (seq 0 and the genesis hash when the chain is empty). */
  head: ChainHead;
  problem: ChainProblem | null;
}

export interface VerifyOptions {
  /** Start at this seq (records before it purged or already verified); default 1. */
  from?: number;
  /** A checkpoint exported earlier: the chain must still reach it with the same hash (checked when at or after `from`). */
  checkpoint?: Checkpoint;
  /** Records read per query; default 1000. */
  batchSize?: number;
}

/** How many recent hashes are remembered to recognise a record that links past an inserted one. */
const RECENT_HASHES = 10_000;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function range(from: number, to: number, noun = 'record'): string {
  return from === to ? `${noun} ${from} was` : `${noun}s ${from}-${to} were`;
}

/**
 * Walks the chain in seq order from `from` and reports the first problem: an edited,
 * inserted or deleted record, an altered subject index, or (given a checkpoint) a
 * truncated tail. A shorter valid chain is still a valid chain: truncation shows only
 * against a checkpoint kept outside the database.
 */
export async function verifyChain(store: AuditStore, options: VerifyOptions = {}): Promise<ChainVerification> {
  const from = options.from ?? 1;
  const batchSize = options.batchSize ?? 1000;
  const checkpoint = options.checkpoint;
  const recent = new Map<string, number>();
  const remember = (hash: string, seq: number) => {
    recent.set(hash, seq);
    if (recent.size > RECENT_HASHES) recent.delete(recent.keys().next().value!);
  };

  // The predecessor of the first record checked: the genesis, or the record just before `from`.
  let prev: { seq: number; hash: string } = { seq: from - 1, hash: GENESIS_HASH };
  let trustFirstLink = false;
  if (from > 1) {
    const before = await store.recordBefore(from);
    if (before) prev = { seq: Number(before.seq), hash: String(before.hash) };
    else trustFirstLink = true;
  }
  let records = 0;
  const fail = (seq: number, kind: ChainProblemKind, message: string): ChainVerification => ({
    ok: false,
    records,
    head: { seq: prev.seq, hash: prev.hash },
    problem: { seq, kind, message },
  });

  let position: { seq: number; hash: string | null } = { seq: prev.seq, hash: null };
  for (;;) {
    const rows = await store.scanRows(position, batchSize);
    if (rows.length === 0) break;
    const seqs = rows.map((r) => Number(r.seq));
    const { indexedSeq, rows: subjects } = await store.subjectRows(seqs[0]!, seqs[seqs.length - 1]!);
    const subjectsOf = new Map<number, { people: string[]; employers: string[] }>();
    for (const s of subjects) {
      const entry = subjectsOf.get(s.seq) ?? { people: [], employers: [] };
      if (s.kind === 'person') entry.people.push(s.key);
      else if (s.kind === 'employer') entry.employers.push(s.key);
      subjectsOf.set(s.seq, entry);
    }

    for (const [index, row] of rows.entries()) {
      const seq = Number(row.seq);
      const prevHash = String(row.prev_hash);
      const first = records === 0;
      if ((seq <= prev.seq && !first) || Number(rows[index + 1]?.seq) === seq) {
        return fail(seq, 'INSERTED', `a record was inserted at seq ${seq} (seq ${seq} appears twice)`);
      }

      const linked = prevHash === prev.hash || (first && trustFirstLink);
      const expected = prev.seq + 1;
      if (!linked) {
        const linksTo = recent.get(prevHash);
        if (linksTo !== undefined) {
          return fail(linksTo + 1, 'INSERTED', `${range(linksTo + 1, prev.seq)} inserted (record ${seq} links to record ${linksTo})`);
        }
      }
      if (seq > expected) {
        return fail(expected, 'DELETED', `${range(expected, seq - 1)} deleted (seq gap: ${prev.seq} is followed by ${seq})`);
      }

      let record: AuditRecord;
      try {
        record = recordFromRow(row);
      } catch (error) {
        if (!(error instanceof UnreadableRecordError)) throw error;
        return fail(seq, 'EDITED', `record ${seq} was edited (${error.message.replace(/^audit record \d+: /, '')})`);
      }
      const selfConsistent = chainHash(record.prevHash, record) === record.hash;
      if (!linked) {
        if (!selfConsistent) return fail(seq, 'EDITED', `record ${seq} was edited (hash mismatch)`);
        return fail(prev.seq, 'EDITED', `record ${prev.seq} was edited and its hash recomputed (record ${seq} no longer links to it)`);
      }
      if (!selfConsistent) return fail(seq, 'EDITED', `record ${seq} was edited (hash mismatch)`);

      const indexed = subjectsOf.get(seq) ?? { people: [], employers: [] };
      // Compared sorted here, not by SQL: the database's collation need not order like the chain does.
      if (seq > indexedSeq) {
        // Not indexed yet (the index follows the chain): it must have no index rows at all.
        if (indexed.people.length > 0 || indexed.employers.length > 0) {
          return fail(seq, 'EDITED', `record ${seq} was edited (index rows exist for it before it was indexed)`);
        }
      } else if (!sameList(normaliseList(record.people), normaliseList(indexed.people)) || !sameList(normaliseList(record.employers), normaliseList(indexed.employers))) {
        return fail(seq, 'EDITED', `record ${seq} was edited (its people and employers index differs from the record)`);
      }
      if (checkpoint && seq === checkpoint.seq && record.hash !== checkpoint.hash) {
        return fail(seq, 'TRUNCATED', `record ${seq} differs from the checkpoint (the chain was cut and has grown again, or rewritten, after the checkpoint was taken)`);
      }

      remember(record.hash, seq);
      prev = { seq, hash: record.hash };
      records += 1;
    }
    const last = rows[rows.length - 1]!;
    position = { seq: Number(last.seq), hash: String(last.hash) };
  }

  if (checkpoint && checkpoint.seq > prev.seq) {
    return fail(prev.seq + 1, 'TRUNCATED', `the chain was truncated: it ends at record ${prev.seq}, the checkpoint is at record ${checkpoint.seq}`);
  }
  if (checkpoint && checkpoint.seq === 0 && checkpoint.hash !== GENESIS_HASH) {
    return fail(0, 'TRUNCATED', 'the checkpoint is not a head of this chain');
  }
  return { ok: true, records, head: { seq: prev.seq, hash: prev.hash }, problem: null };
}

/** The current head, to keep outside the database; `verifyChain(store, { checkpoint })` detects a later truncation. */
export async function exportCheckpoint(store: AuditStore): Promise<Required<Checkpoint>> {
  const head = await store.head();
  return { seq: head.seq, hash: head.hash, at: new Date() };
}

/** `SEQ:HASH`, the form the command line prints and reads. */
export function formatCheckpoint(checkpoint: Pick<Checkpoint, 'seq' | 'hash'>): string {
  return `${checkpoint.seq}:${checkpoint.hash}`;
}

/** Parses `SEQ:HASH`; null when malformed. */
export function parseCheckpoint(text: string): Checkpoint | null {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2]! } : null;
}
