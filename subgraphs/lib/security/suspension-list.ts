import { z } from 'zod';
import { type AuditStore } from '../audit';
import { CredentialKind } from '../audit/credential-suspension.entity';
import { type CallerVerifier } from '../auth/verify';
import { readEnv } from '../config';
import { unauthenticated } from '../errors';
import { type Caller } from '../identity';
import { type ActiveSuspension, storeSuspensionSource, type SuspensionSource } from './suspension-store';

/** Default refresh period of a {@link SuspensionList}, in ms. */
export const DEFAULT_SUSPENSION_REFRESH_MS = 2000;
/** Longest refresh period: with a refresh's own time, a suspension is enforced within 5 s (issue 3 point 9). */
export const MAX_SUSPENSION_REFRESH_MS = 4000;
/** Shortest refresh period accepted. */
export const MIN_SUSPENSION_REFRESH_MS = 100;

/** The message of a refused suspended credential: nothing else (no reason, no kind). */
export const SUSPENDED_MESSAGE = 'The credential has been suspended';
/** The message when the list has never been read: every credential is refused (fail closed). */
export const SUSPENSIONS_UNAVAILABLE_MESSAGE = 'The credential cannot be checked now: the list of suspended credentials is unavailable';

export interface SuspensionConfig {
  /** `SUSPENSION_REFRESH_MS`: how often each process re-reads the suspensions (100-4000, default 2000). */
  refreshMs: number;
}

/** Reads `SUSPENSION_REFRESH_MS`; throws `ConfigError` naming it when it is not an integer in 100-4000. */
export function loadSuspensionConfig(source: NodeJS.ProcessEnv = process.env): SuspensionConfig {
  const values = readEnv(
    {
      SUSPENSION_REFRESH_MS: z.coerce
        .number({ message: 'must be a number of milliseconds' })
        .int({ message: 'must be a whole number of milliseconds' })
        .min(MIN_SUSPENSION_REFRESH_MS, { message: `must be at least ${MIN_SUSPENSION_REFRESH_MS}` })
        .max(MAX_SUSPENSION_REFRESH_MS, { message: `must be at most ${MAX_SUSPENSION_REFRESH_MS}, so that a suspension is enforced within 5 seconds` })
        .default(DEFAULT_SUSPENSION_REFRESH_MS),
    },
    source,
  );
  return { refreshMs: values.SUSPENSION_REFRESH_MS };
}

/** What a caller's credential is, according to the list. */
export type SuspensionStatus =
  | { state: 'clear' }
  /** Suspended; `kind` says what matched (for logs and audit, never for the caller). */
  | { state: 'suspended'; kind: CredentialKind }
  /** The list has never been read: refuse (fail closed). */
  | { state: 'unavailable' };

/** What {@link withSuspensions} needs of a list. */
export interface SuspensionCheck {
  check(caller: Pick<Caller, 'organisation' | 'subject' | 'tokenId'>): Promise<SuspensionStatus>;
}

/** Timers of a list, injectable for tests. A handle may have `unref` (Node's does). */
export interface SuspensionTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The part of a pino logger a list uses. */
export interface SuspensionLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface SuspensionListOptions {
  /** Refresh period in ms (default 2000; see {@link loadSuspensionConfig}). */
  refreshMs?: number;
  logger?: SuspensionLogger;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
  timers?: SuspensionTimers;
}

/** A snapshot of a list's state, for health checks and tests. */
export interface SuspensionListState {
  loaded: boolean;
  /** Active suspensions in the list. */
  size: number;
  /** The source's marker of the list held. */
  version: string | null;
  /** When the source was last read successfully (epoch ms), null if never. */
  refreshedAt: number | null;
  /** Failed reads since the last success. */
  failures: number;
  /** Successful reads that found a new marker and reloaded the active rows. */
  reloads: number;
}

interface Index {
  organisations: Set<string>;
  /** USER suspensions without an organisation: `sub` in every organisation. */
  subjects: Set<string>;
  /** USER suspensions limited to an organisation: organisation → subjects. */
  organisationSubjects: Map<string, Set<string>>;
  tokens: Set<string>;
}

function indexOf(rows: readonly ActiveSuspension[]): Index {
  const index: Index = { organisations: new Set(), subjects: new Set(), organisationSubjects: new Map(), tokens: new Set() };
  for (const row of rows) {
    if (row.kind === CredentialKind.ORGANISATION) index.organisations.add(row.value);
    else if (row.kind === CredentialKind.TOKEN) index.tokens.add(row.value);
    else if (row.kind === CredentialKind.USER) {
      if (row.organisation === null) index.subjects.add(row.value);
      else {
        let subjects = index.organisationSubjects.get(row.organisation);
        if (!subjects) index.organisationSubjects.set(row.organisation, (subjects = new Set()));
        subjects.add(row.value);
      }
    }
    // An unknown kind (a newer schema) is ignored here; validation keeps the table to the three.
  }
  return index;
}

function sizeOf(index: Index): number {
  let size = index.organisations.size + index.subjects.size + index.tokens.size;
  for (const subjects of index.organisationSubjects.values()) size += subjects.size;
  return size;
}

/** Name and code of an error, never its message's values: enough for an operator, nothing personal. */
function errorSummary(error: unknown): { name: string; code?: string; message: string } {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    // Driver messages of these two fixed statements carry no row values.
    message: typeof e.message === 'string' ? e.message.slice(0, 200) : String(error),
  };
}

const realTimers: SuspensionTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * A per-process copy of the active credential suspensions, refreshed from the shared
 * store every `refreshMs` (default 2 s, at most 4 s): a suspension made anywhere is
 * enforced by every gateway and subgraph process within `refreshMs` plus one read.
 *
 * Each refresh reads only the source's change marker; the active rows are reloaded when
 * it moved. Checks are in memory and synchronous ({@link status}).
 *
 * Failure: when the store cannot be read, the last good list is kept (and the failure
 * logged once until the store is readable again); a list that has never been read
 * reports `unavailable` for every caller, and {@link withSuspensions} refuses them
 * (fail closed) until the first read succeeds.
 */
export class SuspensionList implements SuspensionCheck {
  readonly refreshMs: number;
  private readonly now: () => number;
  private readonly timers: SuspensionTimers;
  private readonly logger: SuspensionLogger | undefined;
  private index: Index | null = null;
  private version: string | null = null;
  private refreshedAt: number | null = null;
  private failures = 0;
  private reloads = 0;
  private running: Promise<boolean> | null = null;
  private queued: Promise<boolean> | null = null;
  private timer: unknown = null;
  private started = false;

  constructor(private readonly source: SuspensionSource, options: SuspensionListOptions = {}) {
    const refreshMs = options.refreshMs ?? DEFAULT_SUSPENSION_REFRESH_MS;
    if (!Number.isInteger(refreshMs) || refreshMs < 1 || refreshMs > MAX_SUSPENSION_REFRESH_MS) {
      throw new RangeError(`refreshMs must be an integer between 1 and ${MAX_SUSPENSION_REFRESH_MS}`);
    }
    this.refreshMs = refreshMs;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.logger = options.logger;
  }

  /** Whether the store has been read at least once. */
  get loaded(): boolean {
    return this.index !== null;
  }

  state(): SuspensionListState {
    return {
      loaded: this.index !== null,
      size: this.index ? sizeOf(this.index) : 0,
      version: this.version,
      refreshedAt: this.refreshedAt,
      failures: this.failures,
      reloads: this.reloads,
    };
  }

  /**
   * Reads the store once and starts refreshing every `refreshMs`. Resolves once the first
   * read is done: true when it succeeded; false when it failed (the list keeps trying,
   * and refuses every caller until a read succeeds). Calling it again does nothing.
   */
  async start(): Promise<boolean> {
    if (this.started) return this.loaded;
    this.started = true;
    const startedAt = this.now();
    const ok = await this.refresh();
    this.schedule(startedAt);
    return ok;
  }

  /** Stops refreshing (the list keeps answering from what it holds). */
  stop(): void {
    this.started = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(lastStartedAt: number): void {
    if (!this.started) return;
    // Start to start every refreshMs; a read slower than that is followed at once by the next.
    const delay = Math.max(0, this.refreshMs - (this.now() - lastStartedAt));
    const handle = this.timers.setTimeout(() => {
      this.timer = null;
      const startedAt = this.now();
      void this.refresh().finally(() => this.schedule(startedAt));
    }, delay);
    (handle as { unref?: () => void } | null)?.unref?.();
    this.timer = handle;
  }

  /**
   * Re-reads the store now; resolves true when it was read. A read already under way may
   * have started before the caller's own change, so another one is queued after it (at
   * most one waits; concurrent callers share it).
   */
  refresh(): Promise<boolean> {
    if (!this.running) return this.run();
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.run();
    });
    return this.queued;
  }

  private run(): Promise<boolean> {
    const promise = this.load().finally(() => {
      if (this.running === promise) this.running = null;
    });
    this.running = promise;
    return promise;
  }

  private async load(): Promise<boolean> {
    try {
      const version = await this.source.version();
      if (this.index === null || version !== this.version) {
        const rows = await this.source.active();
        this.index = indexOf(rows);
        this.version = version;
        this.reloads += 1;
      }
      this.refreshedAt = this.now();
      if (this.failures > 0) {
        this.logger?.info({ failures: this.failures, size: sizeOf(this.index) }, 'suspended credentials: the store is readable again');
      }
      this.failures = 0;
      return true;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1) {
        this.logger?.warn(
          { err: errorSummary(error), loaded: this.index !== null, refreshedAt: this.refreshedAt },
          this.index === null
            ? 'suspended credentials: cannot read the store; every credential is refused until it can be read'
            : 'suspended credentials: cannot read the store; keeping the last list read',
        );
      }
      return false;
    }
  }

  /** The caller's status against the list held now (synchronous, in memory). */
  status(caller: Pick<Caller, 'organisation' | 'subject' | 'tokenId'>): SuspensionStatus {
    const index = this.index;
    if (index === null) return { state: 'unavailable' };
    if (caller.tokenId !== undefined && index.tokens.has(caller.tokenId)) return { state: 'suspended', kind: CredentialKind.TOKEN };
    if (index.subjects.has(caller.subject) || index.organisationSubjects.get(caller.organisation)?.has(caller.subject)) {
      return { state: 'suspended', kind: CredentialKind.USER };
    }
    if (index.organisations.has(caller.organisation)) return { state: 'suspended', kind: CredentialKind.ORGANISATION };
    return { state: 'clear' };
  }

  /** Whether to refuse the caller: suspended, or the list never read (fail closed). */
  isSuspended(caller: Pick<Caller, 'organisation' | 'subject' | 'tokenId'>): boolean {
    return this.status(caller).state !== 'clear';
  }

  /** {@link status}, after waiting for a first read under way (so that the first requests of a starting process are not refused). */
  async check(caller: Pick<Caller, 'organisation' | 'subject' | 'tokenId'>): Promise<SuspensionStatus> {
    if (this.index === null && this.running) await this.running;
    return this.status(caller);
  }
}

/** A list on the shared platform store, refreshed every `SUSPENSION_REFRESH_MS` (not started: call `start()`). */
export function createSuspensionList(
  store: AuditStore,
  options: Omit<SuspensionListOptions, 'refreshMs'> & { env?: NodeJS.ProcessEnv } = {},
): SuspensionList {
  const { env, ...rest } = options;
  return new SuspensionList(storeSuspensionSource(store), { ...rest, refreshMs: loadSuspensionConfig(env).refreshMs });
}

export interface WithSuspensionsOptions {
  /** Called for every refused caller (e.g. to log or audit a SECURITY event); must not throw. */
  onRefused?: (caller: Caller, status: Exclude<SuspensionStatus, { state: 'clear' }>) => void;
}

/**
 * Wraps a verifier: after a successful verification, a caller whose organisation, user
 * or token is suspended is refused with `UNAUTHENTICATED` and the message
 * {@link SUSPENDED_MESSAGE}; while the list has never been read, every caller is refused
 * with `UNAUTHENTICATED` and {@link SUSPENSIONS_UNAVAILABLE_MESSAGE} (fail closed).
 * Errors of the verifier itself pass through unchanged.
 */
export function withSuspensions(verifier: CallerVerifier, list: SuspensionCheck, options: WithSuspensionsOptions = {}): CallerVerifier {
  return async (headers) => {
    const caller = await verifier(headers);
    const status = await list.check(caller);
    if (status.state === 'clear') return caller;
    options.onRefused?.(caller, status);
    throw unauthenticated(status.state === 'suspended' ? SUSPENDED_MESSAGE : SUSPENSIONS_UNAVAILABLE_MESSAGE);
  };
}
