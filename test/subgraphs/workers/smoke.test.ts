import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Sex, Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { REGIONAL_CPI } from './support';

describe('workers subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: REGIONAL_CPI });
    const em = graph.em();
    em.create(Worker, { fiscalCode: 'RSSMRA85T10A562S', firstName: 'Mario', lastName: 'Rossi', sex: Sex.MALE, birthDate: '1985-12-10', birthPlace: 'A562', citizenship: '000', domicileMunicipality: '015146', domicileProvince: '015' });
    await em.flush();
  });
  afterAll(() => graph.close());

  it('keeps @key in the printed SDL', () => {
    expect(graph.runtime.schema.sdl).toMatch(/type Worker\s+@key\(fields: "id"\)\s+@key\(fields: "fiscalCode"\)/);
  });

  it('answers Query.worker', async () => {
    const res = await graph.query<{ worker: { lastName: string; birthDate: string } }>(
      'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { lastName birthDate availabilityDeclaration { status } } }',
      { cf: 'RSSMRA85T10A562S' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.worker.lastName).toBe('Rossi');
    expect(res.data?.worker.birthDate).toBe('1985-12-10');
  });

  it('rejects a bad fiscal code naming the argument, not the value', async () => {
    const res = await graph.query('query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }', { cf: 'RSSMRA85T10A562X' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('argument "fiscalCode"');
    expect(res.errors?.[0]?.message).not.toContain('RSSMRA85T10A562X');
  });
});
