import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A child process of a {@link ProcessGroup}. */
export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
  alive: boolean;
}

export interface ProcessGroupOptions {
  /** Folder the scripts are resolved from and the children run in. */
  root: string;
  /** Where a line of the group itself goes. */
  say: (line: string, who?: string) => void;
  /** Called once when a child dies on its own (not during {@link ProcessGroup.stopAll}). */
  onUnexpectedExit: (name: string, how: string) => void;
  /** Print children's output (prefixed with their name); default true. */
  showOutput?: boolean;
}

const STOP_TIMEOUT_MS = 10_000;
/** A child that exits this soon after a Ctrl-C is part of the shutdown, not a crash (the terminal signals the whole group). */
const SIGNAL_GRACE_MS = 300;

function connectable(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/** `http://host:port` to reach a server bound to `host` (a wildcard bind is reached on loopback). */
export function originOf(host: string, port: number): string {
  return `http://${connectable(host)}:${port}`;
}

function prefixLines(stream: NodeJS.ReadableStream | null, name: string, out: NodeJS.WritableStream): void {
  if (!stream) return;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => out.write(`${name.padEnd(10)}| ${line}\n`));
}

/**
 * The subgraph and gateway processes of one run: started as Node children, awaited
 * until ready, stopped gateway first. Used by `npm start` and `npm run bench`.
 */
export class ProcessGroup {
  readonly children: Child[] = [];
  stopping = false;

  constructor(private readonly options: ProcessGroupOptions) {}

  /** Starts `node <script>` with `env`. */
  run(name: string, script: string, env: NodeJS.ProcessEnv): Child {
    const show = this.options.showOutput ?? true;
    const child = spawn(process.execPath, [join(this.options.root, script)], {
      cwd: this.options.root,
      env,
      stdio: ['ignore', show ? 'pipe' : 'ignore', 'pipe'],
    });
    if (show) prefixLines(child.stdout, name, process.stdout);
    prefixLines(child.stderr, name, process.stderr);
    const entry: Child = {
      name,
      process: child,
      alive: true,
      // 'close' comes after the output pipes are drained, so a child's last lines are printed.
      exited: new Promise((done) => child.once('close', () => done())),
    };
    child.once('exit', (code, signal) => {
      entry.alive = false;
      setTimeout(() => {
        if (!this.stopping) this.options.onUnexpectedExit(name, signal ?? `code ${code}`);
      }, SIGNAL_GRACE_MS);
    });
    this.children.push(entry);
    return entry;
  }

  /** Resolves when `url` answers 2xx; fails if the child exits or the timeout passes. */
  async waitReady(child: Child, url: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!child.alive || this.stopping) throw new Error(`${child.name} exited before it was ready`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((done) => setTimeout(done, 200));
    }
    throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000} s`);
  }

  private async stopChild(child: Child): Promise<void> {
    if (!child.alive) return;
    child.process.kill('SIGTERM');
    const timer = setTimeout(() => child.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await child.exited;
    clearTimeout(timer);
  }

  /** Stops the gateway first (no requests to subgraphs that are going away), then the rest. */
  async stopAll(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.options.say(reason);
    await Promise.all(this.children.filter((c) => c.name === 'gateway').map((c) => this.stopChild(c)));
    await Promise.all(this.children.filter((c) => c.name !== 'gateway').map((c) => this.stopChild(c)));
  }
}
