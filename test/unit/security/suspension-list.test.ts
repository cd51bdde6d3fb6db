import { GraphQLError } from 'graphql';
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signCallerToken } from '../../../subgraphs/lib/auth/sign';
import { parseTokenArguments } from '../../../subgraphs/lib/auth/token-arguments';
import { ConfigError } from '../../../subgraphs/lib/config';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import {
  type ActiveSuspension,
  CredentialKind,
  DEFAULT_SUSPENSION_REFRESH_MS,
  loadSuspensionConfig,
  SUSPENDED_MESSAGE,
  SuspensionList,
  type SuspensionLogger,
  type SuspensionSource,
  type SuspensionTimers,
  SUSPENSIONS_UNAVAILABLE_MESSAGE,
  withSuspensions,
} from '../../../subgraphs/lib/security/suspension';
import { TEST_AUDIENCE, TEST_ISSUER, testKeys, tokenFor } from '../../utils/auth';

/** A source held in memory: tests change its rows and bump its marker, or make it fail. */
class MemorySource implements SuspensionSource {
  rows: ActiveSuspension[] = [];
  marker = 0;
  failing = false;
  versionCalls = 0;
  activeCalls = 0;
  /** When set, `version()` waits for it (a slow store). */
  gate: Promise<void> | null = null;

  set(rows: ActiveSuspension[]): void {
    this.rows = rows;
    this.marker += 1;
  }

  async version(): Promise<string> {
    this.versionCalls += 1;
    if (this.gate) await this.gate;
    if (this.failing) throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    return String(this.marker);
  }

  async active(): Promise<ActiveSuspension[]> {
    this.activeCalls += 1;
    if (this.failing) throw new Error('connection refused');
    return [...this.rows];
  }
}

/** Timers the test fires by hand, with a settable clock. */
class ManualTimers implements SuspensionTimers {
  now = 1_000_000;
  pending: { callback: () => void; at: number; delay: number }[] = [];
  readonly clock = (): number => this.now;

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { callback, at: this.now + ms, delay: ms };
    this.pending.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((t) => t !== handle);
  }

  /** Advances the clock to the next timer and runs it; returns its delay. */
  async fireNext(): Promise<number> {
    const timer = this.pending.shift();
    if (!timer) throw new Error('no timer pending');
    this.now = Math.max(this.now, timer.at);
    timer.callback();
    // Let the refresh it started settle (several microtask turns).
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    return timer.delay;
  }
}

function recordingLogger(): SuspensionLogger & { lines: { level: string; object: object; message: string }[] } {
  const lines: { level: string; object: object; message: string }[] = [];
  return {
    lines,
    info: (object, message) => lines.push({ level: 'info', object, message }),
    warn: (object, message) => lines.push({ level: 'warn', object, message }),
  };
}

const org = (value: string): ActiveSuspension => ({ kind: CredentialKind.ORGANISATION, value, organisation: null });
const user = (value: string, organisation: string | null = null): ActiveSuspension => ({ kind: CredentialKind.USER, value, organisation });
const token = (value: string): ActiveSuspension => ({ kind: CredentialKind.TOKEN, value, organisation: null });

const caller = (organisation: string, subject: string, tokenId?: string) => ({ organisation, subject, ...(tokenId ? { tokenId } : {}) });

describe('the suspension list: matching', () => {
  it('refuses an organisation, a user (in one organisation or in all), and a token by its jti; lets others through', async () => {
    const source = new MemorySource();
    source.set([org('ORG-B'), user('op-1', 'ORG-A'), user('any-org-user'), token('jti-9')]);
    const list = new SuspensionList(source);
    expect(await list.refresh()).toBe(true);

    expect(list.status(caller('ORG-B', 'op-7'))).toEqual({ state: 'suspended', kind: CredentialKind.ORGANISATION });
    expect(list.status(caller('ORG-A', 'op-1'))).toEqual({ state: 'suspended', kind: CredentialKind.USER });
    expect(list.status(caller('ORG-C', 'op-1'))).toEqual({ state: 'clear' });
    expect(list.status(caller('ORG-C', 'any-org-user'))).toEqual({ state: 'suspended', kind: CredentialKind.USER });
    expect(list.status(caller('ORG-A', 'op-2', 'jti-9'))).toEqual({ state: 'suspended', kind: CredentialKind.TOKEN });
    expect(list.status(caller('ORG-A', 'op-2', 'jti-8'))).toEqual({ state: 'clear' });
    expect(list.status(caller('ORG-A', 'op-2'))).toEqual({ state: 'clear' });
    expect(list.isSuspended(caller('ORG-A', 'op-2'))).toBe(false);
    expect(list.isSuspended(caller('ORG-B', 'op-2'))).toBe(true);
    expect(list.state()).toMatchObject({ loaded: true, size: 4, failures: 0, reloads: 1 });
  });

  it('matches exactly: no prefix, case or organisation-as-user confusion', async () => {
    const source = new MemorySource();
    source.set([org('ORG'), user('op', 'ORG-A')]);
    const list = new SuspensionList(source);
    await list.refresh();
    expect(list.status(caller('ORG-1', 'x')).state).toBe('clear');
    expect(list.status(caller('org', 'x')).state).toBe('clear');
    expect(list.status(caller('ORG-A', 'OP')).state).toBe('clear');
    // A subject named like a suspended organisation is not that organisation.
    expect(list.status(caller('ORG-Z', 'ORG')).state).toBe('clear');
  });

  it('fails closed before the first read: every caller is unavailable, isSuspended is true', () => {
    const list = new SuspensionList(new MemorySource());
    expect(list.loaded).toBe(false);
    expect(list.status(caller('ORG-A', 'op-1'))).toEqual({ state: 'unavailable' });
    expect(list.isSuspended(caller('ORG-A', 'op-1'))).toBe(true);
  });
});

describe('the suspension list: refreshing', () => {
  it('reads at start, then every refreshMs start to start, reloading the rows only when the marker moved', async () => {
    const source = new MemorySource();
    const timers = new ManualTimers();
    const list = new SuspensionList(source, { refreshMs: 2000, timers, now: timers.clock });
    expect(await list.start()).toBe(true);
    expect([source.versionCalls, source.activeCalls]).toEqual([1, 1]);
    expect(timers.pending.map((t) => t.delay)).toEqual([2000]);

    // Nothing changed: only the marker is read.
    expect(await timers.fireNext()).toBe(2000);
    expect([source.versionCalls, source.activeCalls]).toEqual([2, 1]);
    expect(list.status(caller('ORG-A', 'op-1')).state).toBe('clear');

    source.set([org('ORG-A')]);
    await timers.fireNext();
    expect([source.versionCalls, source.activeCalls]).toEqual([3, 2]);
    expect(list.status(caller('ORG-A', 'op-1')).state).toBe('suspended');

    source.set([]);
    await timers.fireNext();
    expect(list.status(caller('ORG-A', 'op-1')).state).toBe('clear');
    expect(list.state()).toMatchObject({ loaded: true, size: 0, reloads: 3, refreshedAt: timers.now });
    // Always exactly one timer pending; stop() cancels it.
    expect(timers.pending).toHaveLength(1);
    list.stop();
    expect(timers.pending).toHaveLength(0);
  });

  it('subtracts the time a read took from the wait before the next one', async () => {
    const source = new MemorySource();
    const timers = new ManualTimers();
    const list = new SuspensionList(source, { refreshMs: 2000, timers, now: timers.clock });
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    const started = list.start();
    timers.now += 1500; // the first read takes 1.5 s
    open();
    await started;
    expect(timers.pending.map((t) => t.delay)).toEqual([500]);
    list.stop();
  });

  it('defaults to 2000 ms and refuses a period over 4000 ms', () => {
    expect(new SuspensionList(new MemorySource()).refreshMs).toBe(DEFAULT_SUSPENSION_REFRESH_MS);
    expect(DEFAULT_SUSPENSION_REFRESH_MS).toBe(2000);
    expect(() => new SuspensionList(new MemorySource(), { refreshMs: 4001 })).toThrow(RangeError);
    expect(() => new SuspensionList(new MemorySource(), { refreshMs: 0 })).toThrow(RangeError);
  });

  it('keeps the last good list when the store cannot be read, logging once, and says when it is readable again', async () => {
    const source = new MemorySource();
    const timers = new ManualTimers();
    const logger = recordingLogger();
    source.set([org('ORG-B')]);
    const list = new SuspensionList(source, { timers, now: timers.clock, logger });
    await list.start();

    source.failing = true;
    source.set([]); // reinstated meanwhile, but unreadable
    await timers.fireNext();
    await timers.fireNext();
    expect(list.status(caller('ORG-B', 'op')).state).toBe('suspended');
    expect(list.state()).toMatchObject({ loaded: true, failures: 2 });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('keeping the last list read') });
    expect(logger.lines[0]!.object).toMatchObject({ err: { name: 'Error', code: 'ECONNREFUSED' }, loaded: true });

    source.failing = false;
    await timers.fireNext();
    expect(list.status(caller('ORG-B', 'op')).state).toBe('clear');
    expect(logger.lines[1]).toMatchObject({ level: 'info', object: { failures: 2, size: 0 } });
    list.stop();
  });

  it('when the first read fails, refuses everyone (and says so once) until a read succeeds', async () => {
    const source = new MemorySource();
    source.failing = true;
    const timers = new ManualTimers();
    const logger = recordingLogger();
    const list = new SuspensionList(source, { timers, now: timers.clock, logger });
    expect(await list.start()).toBe(false);
    expect(list.status(caller('ORG-A', 'op')).state).toBe('unavailable');
    expect(logger.lines.map((l) => l.message)).toEqual([expect.stringContaining('every credential is refused')]);
    await timers.fireNext();
    expect(list.loaded).toBe(false);
    source.failing = false;
    await timers.fireNext();
    expect(list.status(caller('ORG-A', 'op')).state).toBe('clear');
    list.stop();
  });

  it('queues one more read when refresh() is called during a read (which may predate the change)', async () => {
    const source = new MemorySource();
    const list = new SuspensionList(source);
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    const first = list.refresh();
    const second = list.refresh();
    const third = list.refresh();
    expect(third).toBe(second);
    source.gate = null;
    source.set([org('ORG-A')]); // committed after the first read began
    open();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(source.versionCalls).toBe(2);
    expect(list.status(caller('ORG-A', 'op')).state).toBe('suspended');
  });

  it('check() waits for a first read under way rather than refusing', async () => {
    const source = new MemorySource();
    const list = new SuspensionList(source);
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    void list.refresh();
    const status = list.check(caller('ORG-A', 'op'));
    open();
    expect(await status).toEqual({ state: 'clear' });
  });
});

describe('SUSPENSION_REFRESH_MS', () => {
  it('defaults to 2000 and accepts 100 to 4000', () => {
    expect(loadSuspensionConfig({})).toEqual({ refreshMs: 2000 });
    expect(loadSuspensionConfig({ SUSPENSION_REFRESH_MS: '4000' })).toEqual({ refreshMs: 4000 });
    expect(loadSuspensionConfig({ SUSPENSION_REFRESH_MS: '100' })).toEqual({ refreshMs: 100 });
  });

  it('refuses values that would not enforce a suspension within 5 s, or are not whole milliseconds, naming the variable', () => {
    for (const value of ['4001', '60000', '0', '99', '-5', '2.5', 'soon']) {
      let error: unknown;
      try {
        loadSuspensionConfig({ SUSPENSION_REFRESH_MS: value });
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['SUSPENSION_REFRESH_MS']);
    }
    expect(() => loadSuspensionConfig({ SUSPENSION_REFRESH_MS: '4001' })).toThrow(/SUSPENSION_REFRESH_MS: must be at most 4000, so that a suspension is enforced within 5 seconds/);
  });
});

async function loadedList(rows: ActiveSuspension[]): Promise<SuspensionList> {
  const source = new MemorySource();
  source.set(rows);
  const list = new SuspensionList(source);
  await list.refresh();
  return list;
}

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('withSuspensions around a real verifier', () => {
  const headers = (jwt: string, purpose: string = Purpose.EMPLOYMENT_SERVICES) => ({ authorization: `Bearer ${jwt}`, 'x-purpose': purpose });

  it('passes a verified caller whose credential is not suspended', async () => {
    const { verifier } = await testKeys();
    const verify = withSuspensions(verifier, await loadedList([org('OTHER-ORG')]));
    const result = await verify(headers(await tokenFor({ organisation: 'TEST-ORG' })));
    expect(result).toMatchObject({ organisation: 'TEST-ORG', subject: 'test-operator', role: Role.CPI_OPERATOR, tokenId: expect.any(String) });
  });

  it('refuses a suspended organisation, user and token with UNAUTHENTICATED and only "The credential has been suspended"', async () => {
    const { verifier } = await testKeys();
    const jwt = await tokenFor({ organisation: 'TEST-ORG', subject: 'op-1', tokenId: 'jti-suspended' });
    for (const rows of [[org('TEST-ORG')], [user('op-1', 'TEST-ORG')], [user('op-1')], [token('jti-suspended')]]) {
      const refusedCallers: string[] = [];
      const verify = withSuspensions(verifier, await loadedList(rows), { onRefused: (c, status) => refusedCallers.push(`${c.organisation}:${status.state}`) });
      const error = await refusal(verify(headers(jwt)));
      expect(error.message).toBe(SUSPENDED_MESSAGE);
      expect(error.message).toBe('The credential has been suspended');
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(refusedCallers).toEqual(['TEST-ORG:suspended']);
    }
    // Another token of the same user is not touched by a token suspension.
    const verify = withSuspensions(verifier, await loadedList([token('jti-suspended')]));
    await expect(verify(headers(await tokenFor({ organisation: 'TEST-ORG', subject: 'op-1' })))).resolves.toMatchObject({ subject: 'op-1' });
  });

  it('lets the verifier refuse first: a missing or bad token keeps its own message', async () => {
    const { verifier } = await testKeys();
    const verify = withSuspensions(verifier, await loadedList([org('TEST-ORG')]));
    expect((await refusal(verify({}))).message).toMatch(/^Missing Authorization header/);
    expect((await refusal(verify(headers('a.b.c')))).extensions.code).toBe('UNAUTHENTICATED');
    const forbidden = await refusal(verify(headers(await tokenFor({ organisation: 'TEST-ORG' }), Purpose.STATISTICS)));
    expect(forbidden.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses everyone (fail closed) while the list has never been read', async () => {
    const { verifier } = await testKeys();
    const source = new MemorySource();
    source.failing = true;
    const list = new SuspensionList(source);
    await list.refresh();
    const error = await refusal(withSuspensions(verifier, list)(headers(await tokenFor())));
    expect(error.message).toBe(SUSPENSIONS_UNAVAILABLE_MESSAGE);
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a token without jti from an outside issuer; its organisation and user can still be suspended', async () => {
    const { signer, verifier } = await testKeys();
    const now = Math.floor(Date.now() / 1000);
    const voucher = await new SignJWT({ role: Role.CPI_OPERATOR, client_id: 'PDND-CLIENT', purposeId: Purpose.EMPLOYMENT_SERVICES })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setSubject('PDND-CLIENT')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(signer.key);
    expect(decodeJwt(voucher).jti).toBeUndefined();
    const clear = await withSuspensions(verifier, await loadedList([token('jti-9')]))(headers(voucher));
    expect(clear.tokenId).toBeUndefined();
    const error = await refusal(withSuspensions(verifier, await loadedList([org('PDND-CLIENT')]))(headers(voucher)));
    expect(error.message).toBe(SUSPENDED_MESSAGE);
  });

  it('checks the list on every request, so a later suspension refuses the same token', async () => {
    const { verifier } = await testKeys();
    const source = new MemorySource();
    const list = new SuspensionList(source);
    await list.refresh();
    const verify = withSuspensions(verifier, list);
    const jwt = await tokenFor({ organisation: 'TEST-ORG' });
    await expect(verify(headers(jwt))).resolves.toBeTruthy();
    source.set([org('TEST-ORG')]);
    await list.refresh();
    await expect(verify(headers(jwt))).rejects.toThrow(SUSPENDED_MESSAGE);
  });
});

describe('token ids (jti), needed to suspend one token', () => {
  it('signCallerToken gives every token a random jti, including those of the token command (its arguments carry none)', async () => {
    const { signer } = await testKeys();
    const request = parseTokenArguments(['--role', 'CPI_OPERATOR', '--purpose', 'EMPLOYMENT_SERVICES']);
    expect(request.tokenId).toBeUndefined();
    const ids = new Set<unknown>();
    for (let i = 0; i < 5; i += 1) ids.add(decodeJwt(await signCallerToken(request, signer)).jti);
    expect(ids.size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
