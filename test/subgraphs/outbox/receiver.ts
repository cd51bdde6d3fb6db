import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { EVENT_ID_HEADER, verifyEventSignature } from '../../../subgraphs/lib/outbox';

/** One request the receiver got. */
export interface ReceivedDelivery {
  eventId: string;
  body: string;
  contentType: string | undefined;
  /** Whether the signature checked out against the receiver's secret and clock. */
  verified: boolean;
  /** How many requests for this event id had arrived before this one. */
  previousHits: number;
}

/** Decides the HTTP status of a delivery; may take its time (a slow receiver). */
export type Responder = (delivery: ReceivedDelivery) => number | Promise<number>;

/** A free port on 127.0.0.1, with nothing listening on it once returned. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * A webhook endpoint on 127.0.0.1 as a well-behaved recipient writes one: it checks the
 * signature, and processes an event id once however many times it arrives (delivery is
 * at least once). It answers whatever `respond` says, 200 by default.
 */
export class TestReceiver {
  /** Every request, in arrival order. */
  readonly hits: ReceivedDelivery[] = [];
  /** Event ids processed (valid signature, first arrival), in order. */
  readonly processed: string[] = [];
  /** Requests being answered right now, per event id, and the most ever seen at once for any id. */
  private readonly open = new Map<string, number>();
  maxConcurrentPerEvent = 0;
  respond: Responder = () => 200;
  private server: Server | null = null;

  constructor(
    readonly port: number,
    private readonly secret: string,
    private readonly now: () => Date,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/outbox`;
  }

  hitsOf(eventId: string): number {
    return this.hits.filter((h) => h.eventId === eventId).length;
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const header = request.headers[EVENT_ID_HEADER.toLowerCase()];
    const eventId = typeof header === 'string' ? header : '';
    const verified = verifyEventSignature({ secret: this.secret, headers: request.headers, body, now: this.now() });
    const delivery: ReceivedDelivery = { eventId, body, contentType: request.headers['content-type'], verified, previousHits: this.hitsOf(eventId) };
    this.hits.push(delivery);
    if (verified && !this.processed.includes(eventId)) this.processed.push(eventId);
    const open = (this.open.get(eventId) ?? 0) + 1;
    this.open.set(eventId, open);
    this.maxConcurrentPerEvent = Math.max(this.maxConcurrentPerEvent, open);
    try {
      const status = verified ? await this.respond(delivery) : 401;
      if (!response.destroyed) response.writeHead(status).end();
    } finally {
      this.open.set(eventId, (this.open.get(eventId) ?? 1) - 1);
    }
  }
}

/** A receiver listening on a free port. */
export async function startReceiver(secret: string, now: () => Date): Promise<TestReceiver> {
  const receiver = new TestReceiver(await freePort(), secret, now);
  await receiver.listen();
  return receiver;
}

/** A promise the test settles when it chooses (Node 20 has no `Promise.withResolvers`). */
export function gate<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
