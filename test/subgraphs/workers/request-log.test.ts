import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { REGIONAL_CPI } from './support';

describe('request log of a subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  const lines: Record<string, unknown>[] = [];
  const someone = person(4);

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    graph = await createTestSubgraph(workersSubgraph, { caller: REGIONAL_CPI, logger: pino({ level: 'info' }, sink) });
    const em = graph.em();
    em.create(Worker, someone as Worker);
    await em.flush();
  });
  afterAll(() => graph.close());

  it('writes one line per request with its id, operation and error codes, and no personal data', async () => {
    lines.length = 0;
    await graph.query('query FindPerson($cf: FiscalCode!) { worker(fiscalCode: $cf) { lastName } }', { cf: someone.fiscalCode }, { 'x-request-id': 'req-0001-abcdef' });
    await graph.query('query Broken($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }', { cf: 'RSSMRA85T10A562X' });
    const requests = lines.filter((l) => l.msg === 'graphql request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ requestId: 'req-0001-abcdef', operation: 'FindPerson' });
    expect(requests[0]).not.toHaveProperty('errors');
    expect(requests[1]).toMatchObject({ operation: 'Broken', errors: ['BAD_USER_INPUT'] });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(someone.fiscalCode);
    expect(text).not.toContain(someone.lastName);
    expect(text).not.toContain('RSSMRA85T10A562X');
  });
});
