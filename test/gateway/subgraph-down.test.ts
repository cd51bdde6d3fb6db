import { getNamedType, type GraphQLField, type GraphQLSchema, isCompositeType, isNonNullType, isRequiredArgument, isScalarType } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { subgraphModules } from '../../subgraphs';
import { accessPolicy, grantKey } from '../../subgraphs/lib/policy/model';
import { createTestGraph, type TestGraph } from '../utils/graph';

type RootField = GraphQLField<unknown, unknown>;

/** Root query fields a subgraph alone serves (federation's own fields excluded). */
function ownRootFields(graph: TestGraph, name: string): RootField[] {
  const schemaOf = (n: string): GraphQLSchema => graph.subgraphs[n]!.runtime.schema.schema;
  const others = Object.keys(graph.subgraphs).filter((n) => n !== name);
  return Object.values(schemaOf(name).getQueryType()?.getFields() ?? {}).filter(
    (f) => !f.name.startsWith('_') && others.every((o) => !schemaOf(o).getQueryType()?.getFields()[f.name]),
  );
}

/** `field(arg: "0") { __typename }`: a selection valid for any output type; the subgraph is down, so values never reach it. */
function selection(field: RootField): string {
  const args = field.args.filter(isRequiredArgument).map((a) => {
    const type = getNamedType(a.type);
    return `${a.name}: ${isScalarType(type) && ['Int', 'Float'].includes(type.name) ? '0' : '"0"'}`;
  });
  return `${field.name}${args.length ? `(${args.join(', ')})` : ''}${isCompositeType(getNamedType(field.type)) ? ' { __typename }' : ''}`;
}

/** A field that answers data for the test's default caller (a job-centre operator for employment services): a connection it may read, with no required argument. */
function liveField(graph: TestGraph, name: string): RootField | undefined {
  const allowed = (f: RootField) => accessPolicy().subgraphs[name]?.types.Query?.fields[f.name]?.allowed.has(grantKey('CPI_OPERATOR', 'EMPLOYMENT_SERVICES'));
  return ownRootFields(graph, name).find((f) => getNamedType(f.type).name.endsWith('Connection') && !f.args.some(isRequiredArgument) && allowed(f));
}

/** A nullable field whose failure cannot null the whole response, with only scalar required arguments. */
function fragileField(graph: TestGraph, name: string): RootField | undefined {
  return ownRootFields(graph, name).find(
    (f) => !isNonNullType(f.type) && f.args.filter(isRequiredArgument).every((a) => isScalarType(getNamedType(a.type))),
  );
}

describe('a subgraph that is down', () => {
  let graph: TestGraph | undefined;
  afterEach(async () => {
    await graph?.close();
    graph = undefined;
  });

  it('makes the fields it owns fail with an error naming it, with HTTP 200, not 500', async () => {
    graph = await createTestGraph({ modules: subgraphModules.slice(0, 1) });
    const name = subgraphModules[0]!.name;
    await graph.stopSubgraph(name);
    const field = liveField(graph, name)!;
    const res = await graph.query(`{ ${selection(field)} }`);
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.path).toEqual([field.name]);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: name });
    expect(res.errors![0]!.message).toContain(name);
  });

  it.runIf(subgraphModules.length >= 2)('leaves the data of the other subgraphs in the response', async () => {
    graph = await createTestGraph();
    const live = subgraphModules[0]!.name;
    const candidates = subgraphModules.slice(1).map((m) => ({ name: m.name, field: fragileField(graph!, m.name) }));
    const down = candidates.find((c) => c.field);
    const kept = liveField(graph, live);
    expect(kept, `no root list field without required arguments in ${live}`).toBeDefined();
    expect(down, `no nullable root field in ${candidates.map((c) => c.name).join(', ')}`).toBeDefined();
    await graph.stopSubgraph(down!.name);

    const res = await graph.query<Record<string, unknown>>(`{ kept: ${selection(kept!)} lost: ${selection(down!.field!)} }`);
    expect(res.status).toBe(200);
    expect(res.data?.kept).not.toBeNull();
    expect(res.data?.kept).toBeDefined();
    expect(res.data?.lost).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.path).toEqual(['lost']);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: down!.name });
  });

  it('is back in the answers once it listens again', async () => {
    graph = await createTestGraph({ modules: subgraphModules.slice(0, 1) });
    const name = subgraphModules[0]!.name;
    const { server } = graph.subgraphs[name]!;
    const address = server.address() as { port: number };
    await graph.stopSubgraph(name);
    const field = liveField(graph, name)!;
    expect((await graph.query(`{ ${selection(field)} }`)).errors).toHaveLength(1);
    server.listen(address.port, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    const res = await graph.query(`{ ${selection(field)} }`);
    expect(res.errors).toBeUndefined();
  });
});
