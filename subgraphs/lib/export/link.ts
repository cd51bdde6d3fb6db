import { createHmac, timingSafeEqual } from 'node:crypto';

/** Path of an export's download at the gateway (the only public endpoint). */
export function gatewayDownloadPath(subgraph: string, id: string): string {
  return `/exports/${subgraph}/${id}`;
}

function signature(secret: string, subgraph: string, id: string, expires: number): string {
  return createHmac('sha256', secret).update(`lavoro-graph/export/v1\n${subgraph}\n${id}\n${expires}`).digest('base64url');
}

/**
 * A short-lived download link: `/exports/<subgraph>/<id>?expires=<epoch s>&signature=<HMAC-SHA256>`,
 * the signature over subgraph, id and expiry with `EXPORT_LINK_SECRET`. Relative to the gateway.
 */
export function signExportLink(options: { secret: string; subgraph: string; id: string; now: Date; ttlSeconds: number }): { path: string; expiresAt: Date } {
  const expires = Math.floor(options.now.getTime() / 1000) + options.ttlSeconds;
  const sig = signature(options.secret, options.subgraph, options.id, expires);
  return { path: `${gatewayDownloadPath(options.subgraph, options.id)}?expires=${expires}&signature=${sig}`, expiresAt: new Date(expires * 1000) };
}

/** Why a link is refused: no or wrong signature (401), past its expiry (410). */
export type LinkCheck = { ok: true } | { ok: false; status: 401 | 410; message: string };

/** Checks a link's query parameters; the signature first, so that an expiry cannot be probed without the key. */
export function verifyExportLink(options: { secret: string; subgraph: string; id: string; search: URLSearchParams; now: Date }): LinkCheck {
  const expiresText = options.search.get('expires') ?? '';
  const given = options.search.get('signature') ?? '';
  if (!/^\d{1,12}$/.test(expiresText) || given.length === 0) {
    return { ok: false, status: 401, message: 'The download link needs its expires and signature parameters' };
  }
  const expected = Buffer.from(signature(options.secret, options.subgraph, options.id, Number(expiresText)));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, status: 401, message: 'The download link signature is not valid' };
  }
  if (Number(expiresText) * 1000 <= options.now.getTime()) {
    return { ok: false, status: 410, message: 'The download link has expired; ask for a new one (its downloadUrl)' };
  }
  return { ok: true };
}
