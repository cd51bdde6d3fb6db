/** A closed-loop load generator on loopback: `connections` clients, each sending its next request when the last one is answered. */

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  /** Latencies in milliseconds, sorted. */
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `request` from `connections` concurrent loops for `seconds` (after a warm-up of
 * `warmupSeconds` that is not counted). A request that throws counts as an error.
 */
export async function runLoad(request: () => Promise<void>, connections: number, seconds: number, warmupSeconds = 1): Promise<LoadResult> {
  const warmupEnd = Date.now() + warmupSeconds * 1000;
  const end = warmupEnd + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const loop = async () => {
    for (;;) {
      const started = performance.now();
      if (Date.now() >= end) return;
      try {
        await request();
        if (Date.now() > warmupEnd) latencies.push(performance.now() - started);
      } catch {
        if (Date.now() > warmupEnd) errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, latencies };
}

/** POSTs a GraphQL operation and fails unless the answer is 200 without errors. */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (response.status !== 200 || body.errors?.length) {
    throw new Error(`HTTP ${response.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no body'}`);
  }
  return body.data ?? {};
}

/** Sums the samples of Prometheus series `name` in a `/metrics` text. */
export async function scrapeCounter(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
