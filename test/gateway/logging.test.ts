import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

describe('gateway logs at debug level', () => {
  let graph: TestGraph;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    graph = await createTestGraph({ gateway: { logLevel: 'debug' }, gatewayLogger: pino({ level: 'debug' }, sink) });
  });
  afterAll(() => graph?.close());

  it('carry neither variables, subgraph bodies and results, nor credentials', async () => {
    const fiscalCode = person(3).fiscalCode;
    const token = await tokenFor({ subject: 'logging-test' });
    const evidence = 'secret.evidence.value';
    const res = await graph.query('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id fiscalCode } }', { cf: fiscalCode }, {
      authorization: `Bearer ${token}`,
      'x-purpose': 'EMPLOYMENT_SERVICES',
      'agid-jwt-trackingevidence': evidence,
    });
    expect(res.errors).toBeUndefined();
    const output = lines.join('');
    // The runtime did log the subgraph request at this level, so the absence below means something.
    expect(output).toContain('[useFetchDebug] Request');
    expect(output).not.toContain(fiscalCode);
    expect(output).not.toContain(token.split('.')[2]!);
    expect(output).not.toContain(evidence);
  });
});
