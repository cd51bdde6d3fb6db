/**
 * The running graph of the matrix and how cases talk to it: one test graph seeded with
 * the world's data set, tokens built from a profile, and raw HTTP posts for the error
 * cases (headers exactly as given, nothing added).
 */
import { seedCompanies } from '../../../subgraphs/companies/seed';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { accessPolicy } from '../../../subgraphs/lib/policy/model';
import { seedPacts } from '../../../subgraphs/pacts/seed';
import { seedReferrals } from '../../../subgraphs/referrals/seed';
import { seedWorkers } from '../../../subgraphs/workers/seed';
import { authHeaders } from '../../utils/auth';
import { createTestGraph, type TestGraph, type TestGraphOptions } from '../../utils/graph';
import { schemaInfo } from './schema-info';
import { type GraphQLErrorLike, type WalkEnv } from './walk';
import { type Profile, type World } from './world';

export interface MatrixGraph {
  graph: TestGraph;
  env: WalkEnv;
  /** Subgraph requests since the last `resetRequests()` (every subgraph, every hop). */
  requests: () => number;
  resetRequests: () => void;
}

/** Starts the four subgraphs on fresh databases seeded with the world's data set, and the gateway. */
export async function startMatrixGraph(world: World, options: Omit<TestGraphOptions, 'seed' | 'onSubgraphRequest'> = {}): Promise<MatrixGraph> {
  let requests = 0;
  const data = world.data;
  const graph = await createTestGraph({
    ...options,
    onSubgraphRequest: () => void (requests += 1),
    seed: async (ems) => {
      await seedWorkers(ems.workers!, data);
      await seedCompanies(ems.companies!, data);
      await seedPacts(ems.pacts!, data);
      await seedReferrals(ems.referrals!, data);
    },
  });
  const info = schemaInfo(Object.entries(graph.subgraphs).map(([name, s]) => ({ name, sdl: s.runtime.schema.sdl })));
  return {
    graph,
    env: { info, policy: accessPolicy(), world },
    requests: () => requests,
    resetRequests: () => void (requests = 0),
  };
}

let serial = 0;

/** Token extras of a case: the profile's, with an operator subject of its own (each case its own rate counters). */
export interface TokenExtras {
  territory?: string[];
  employers?: string[];
  subject?: string;
  organisation?: string;
}

/** Headers for a request as `role` declaring `purpose`, with the token's scopes. */
export async function headersFor(role: Role, purpose: Purpose, extras: TokenExtras = {}, held: Purpose[] = [purpose]): Promise<Record<string, string>> {
  serial += 1;
  const headers = await authHeaders({
    role,
    purposes: held,
    territory: extras.territory ?? [],
    employers: extras.employers ?? [],
    subject: extras.subject ?? `matrix-operator-${serial}`,
    organisation: extras.organisation ?? 'matrix-org',
  });
  return { ...headers, 'x-purpose': purpose };
}

export function profileHeaders(p: Profile): Promise<Record<string, string>> {
  return headersFor(p.role, p.purpose, { territory: p.territory, employers: p.employers, subject: p.subject, organisation: p.organisation });
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLErrorLike[] } | undefined;
}

/** POSTs to the gateway with exactly these headers (plus content type). */
export async function rawPost(url: string, query: string, headers: Record<string, string>, variables?: Record<string, unknown>): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: RawAnswer['body'];
  try {
    body = JSON.parse(text) as RawAnswer['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body };
}
