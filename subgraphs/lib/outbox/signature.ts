import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the event id: the recipient's idempotency key. */
export const EVENT_ID_HEADER = 'X-Event-Id';
/** Header carrying the signing time, in Unix seconds. */
export const EVENT_TIMESTAMP_HEADER = 'X-Event-Timestamp';
/** Header carrying `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export const SIGNATURE_HEADER = 'X-Signature';

/** How old (or how far ahead) a signed timestamp may be, by default: five minutes. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const SIGNATURE_PREFIX = 'sha256=';

/** What {@link signEvent} signs. */
export interface SignEventInput {
  /** The secret shared with the recipient's endpoint. */
  secret: string;
  eventId: string;
  /** Unix seconds. */
  timestamp: number;
  /** The exact request body, as sent. */
  body: string;
}

/** The headers of a signed delivery (a type, not an interface, so that it passes as {@link ReceivedHeaders}). */
export type EventSignatureHeaders = {
  [EVENT_ID_HEADER]: string;
  [EVENT_TIMESTAMP_HEADER]: string;
  [SIGNATURE_HEADER]: string;
};

function hmac(secret: string, timestamp: number | string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The headers that let a recipient check that a delivery comes from us and is recent:
 * the timestamp is signed with the body, so a captured request cannot be replayed once
 * it is older than the recipient's tolerance.
 */
export function signEvent(input: SignEventInput): EventSignatureHeaders {
  return {
    [EVENT_ID_HEADER]: input.eventId,
    [EVENT_TIMESTAMP_HEADER]: String(input.timestamp),
    [SIGNATURE_HEADER]: `${SIGNATURE_PREFIX}${hmac(input.secret, input.timestamp, input.body)}`,
  };
}

/** Request headers as Node (lowercase names, possibly repeated) or a plain object gives them. */
export type ReceivedHeaders = Record<string, string | readonly string[] | undefined>;

/** What {@link verifyEventSignature} checks. */
export interface VerifyEventSignatureInput {
  secret: string;
  headers: ReceivedHeaders;
  /** The raw request body, exactly as received. */
  body: string;
  /** Largest accepted distance between the signed timestamp and `now`; default {@link DEFAULT_SIGNATURE_TOLERANCE_SECONDS}. */
  toleranceSeconds?: number;
  /** Default: the current time. */
  now?: Date;
}

/** A header's single value, whatever the case of its name; undefined when absent or repeated. */
function headerValue(headers: ReceivedHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const values = Object.entries(headers).filter(([key]) => key.toLowerCase() === wanted).flatMap(([, value]) => (value === undefined ? [] : [value].flat()));
  return values.length === 1 ? values[0] : undefined;
}

/**
 * Whether a delivery carries a valid signature of `body` made with `secret` within
 * `toleranceSeconds` of `now`. The comparison takes the same time whatever the bytes,
 * so that a forger cannot find the signature one byte at a time.
 */
export function verifyEventSignature(input: VerifyEventSignatureInput): boolean {
  const timestamp = headerValue(input.headers, EVENT_TIMESTAMP_HEADER);
  const signature = headerValue(input.headers, SIGNATURE_HEADER);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature?.startsWith(SIGNATURE_PREFIX)) return false;
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > (input.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmac(input.secret, timestamp, input.body), 'hex');
  const given = Buffer.from(signature.slice(SIGNATURE_PREFIX.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
