import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { workersSubgraph } from '../../../subgraphs/workers';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { asCaller } from '../../utils/callers';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import { arrangeScopes, CALLERS, citizen, type ScopeFixture } from './support';

const PERSON = `query($cf: FiscalCode!) { worker(fiscalCode: $cf) {
  id fiscalCode provisionalFiscalCode firstName lastName sex birthDate birthPlace citizenship domicileMunicipality domicileProvince
  availabilityDeclaration { id status statusDate servicePactOverdue jobCentre { code } history { id toStatus reason recordedBy } }
  professionalRecord { education { title } declaredExperience { jobTitle } trainingCourses { title source } }
} }`;

const IDENTITY = ['provisionalFiscalCode', 'firstName', 'lastName', 'sex', 'birthDate', 'birthPlace', 'citizenship', 'domicileMunicipality', 'domicileProvince'];

type Person = Record<string, unknown> & {
  availabilityDeclaration: (Record<string, unknown> & { history: Record<string, unknown>[] | null }) | null;
  professionalRecord: { education: unknown[] | null; declaredExperience: unknown[] | null; trainingCourses: { title: string; source: string }[] | null } | null;
};

/** Paths of the FORBIDDEN errors of a response, as dotted strings (list indexes kept). */
function forbiddenPaths(res: GraphQLResponse): string[] {
  const errors = res.errors ?? [];
  for (const error of errors) expect(error.extensions?.code).toBe('FORBIDDEN');
  return errors.map((e) => (e.path ?? []).join('.')).sort();
}

describe('field access in the workers subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let fixture: ScopeFixture;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    fixture = await arrangeScopes(graph.em());
  });
  afterAll(() => graph.close());

  const read = (caller: Caller, cf: string) => graph.query<{ worker: Person | null }>(PERSON, { cf }, asCaller(caller));

  it('a job-centre operator for employment services reads the whole person, DID, history and record', async () => {
    const res = await read(CALLERS.cpiMilan, fixture.people.milan.fiscalCode);
    expect(res.errors).toBeUndefined();
    const worker = res.data!.worker!;
    for (const field of IDENTITY) expect(worker[field]).not.toBeNull();
    expect(worker.availabilityDeclaration).toMatchObject({ status: 'VALIDATED', jobCentre: { code: 'CPI-015-MILANO' } });
    expect(worker.availabilityDeclaration!.history!.map((h) => h.recordedBy)).toEqual(['OPERATOR-TEST-9', 'OPERATOR-TEST-9']);
    expect(worker.professionalRecord!.trainingCourses!.map((t) => t.source).sort()).toEqual(['CASSA_EDILE', 'JOB_CENTRE']);
    expect(worker.professionalRecord!.education).toHaveLength(1);
  });

  it('for a referral: identity and DID, but not the professional record, the pact deadline or who recorded a change', async () => {
    const res = await read(CALLERS.cpiMilanReferral, fixture.people.milan.fiscalCode);
    expect(forbiddenPaths(res)).toEqual([
      'worker.availabilityDeclaration.history.0.recordedBy',
      'worker.availabilityDeclaration.history.1.recordedBy',
      'worker.availabilityDeclaration.servicePactOverdue',
      'worker.professionalRecord',
    ]);
    const worker = res.data!.worker!;
    expect(worker.lastName).toBe(fixture.people.milan.lastName);
    expect(worker.availabilityDeclaration).toMatchObject({ status: 'VALIDATED', servicePactOverdue: null });
    expect(worker.availabilityDeclaration!.history!.map((h) => [h.toStatus, h.recordedBy])).toEqual([['INSERTED', null], ['VALIDATED', null]]);
    expect(worker.professionalRecord).toBeNull();
  });

  it('a social worker: identity only; the DID status comes through PersonStatus, never the DID itself', async () => {
    const res = await read(CALLERS.socialWorkerMilan, fixture.people.milan.fiscalCode);
    expect(forbiddenPaths(res)).toEqual(['worker.availabilityDeclaration', 'worker.professionalRecord']);
    const worker = res.data!.worker!;
    for (const field of IDENTITY) expect(worker[field]).not.toBeNull();
    expect(worker.availabilityDeclaration).toBeNull();
  });

  it('a Cassa Edile checking regularity: identity, no DID, and only the training records Casse Edili supplied', async () => {
    const res = await read(CALLERS.cassaEdile, fixture.people.milan.fiscalCode);
    expect(forbiddenPaths(res)).toEqual([
      'worker.availabilityDeclaration',
      'worker.professionalRecord.declaredExperience',
      'worker.professionalRecord.education',
    ]);
    const worker = res.data!.worker!;
    for (const field of IDENTITY) expect(worker[field]).not.toBeNull();
    expect(worker.professionalRecord!.trainingCourses).toEqual([{ title: 'Sicurezza cantieri', source: 'CASSA_EDILE' }]);
  });

  it('a Cassa Edile school: name and training records, not birth data, citizenship or domicile', async () => {
    const res = await read(CALLERS.cassaEdileTraining, fixture.people.milan.fiscalCode);
    expect(forbiddenPaths(res)).toEqual([
      'worker.availabilityDeclaration',
      'worker.birthDate',
      'worker.birthPlace',
      'worker.citizenship',
      'worker.domicileMunicipality',
      'worker.domicileProvince',
      'worker.professionalRecord.declaredExperience',
      'worker.professionalRecord.education',
      'worker.provisionalFiscalCode',
      'worker.sex',
    ]);
    const worker = res.data!.worker!;
    expect(worker).toMatchObject({ firstName: fixture.people.milan.firstName, lastName: fixture.people.milan.lastName, birthDate: null, domicileMunicipality: null });
    expect(worker.professionalRecord!.trainingCourses).toEqual([{ title: 'Sicurezza cantieri', source: 'CASSA_EDILE' }]);
  });

  it('an employer: the identity a UniLav notice carries, of its own employee only', async () => {
    const res = await read(CALLERS.retailEmployer, fixture.people.cremona.fiscalCode);
    expect(forbiddenPaths(res)).toEqual([
      'worker.availabilityDeclaration',
      'worker.citizenship',
      'worker.domicileMunicipality',
      'worker.domicileProvince',
      'worker.professionalRecord',
      'worker.provisionalFiscalCode',
    ]);
    expect(res.data!.worker).toMatchObject({
      fiscalCode: fixture.people.cremona.fiscalCode,
      lastName: fixture.people.cremona.lastName,
      birthDate: fixture.people.cremona.birthDate,
      birthPlace: fixture.people.cremona.birthPlace,
      sex: fixture.people.cremona.sex,
      domicileMunicipality: null,
    });
  });

  it('a citizen: all their own data, but not which operator recorded a change', async () => {
    const res = await read(citizen(fixture.people.milan.fiscalCode), fixture.people.milan.fiscalCode);
    expect(forbiddenPaths(res)).toEqual(['worker.availabilityDeclaration.history.0.recordedBy', 'worker.availabilityDeclaration.history.1.recordedBy']);
    const worker = res.data!.worker!;
    for (const field of IDENTITY) expect(worker[field]).not.toBeNull();
    expect(worker.availabilityDeclaration).toMatchObject({ status: 'VALIDATED', servicePactOverdue: false });
    expect(worker.professionalRecord!.trainingCourses).toHaveLength(2);
  });

  it('the DID status check releases its fields to job centres, social services and the person only', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on PersonStatus { fiscalCode availabilityDeclarationActive availabilityDeclarationStatus availabilityDeclarationStatusDate } } }`;
    const reps = [{ __typename: 'PersonStatus', fiscalCode: fixture.people.milan.fiscalCode }];
    for (const caller of [CALLERS.cpiMilan, CALLERS.cpiMilanReferral, CALLERS.socialWorkerMilan, citizen(fixture.people.milan.fiscalCode)]) {
      const res = await graph.query(query, { reps }, asCaller(caller));
      expect(res).toEqual({
        data: { _entities: [{ fiscalCode: fixture.people.milan.fiscalCode, availabilityDeclarationActive: true, availabilityDeclarationStatus: 'VALIDATED', availabilityDeclarationStatusDate: '2025-02-01' }] },
      });
    }
  });

  describe.each([
    ['MINISTRY_ANALYST', () => CALLERS.ministryAnalyst],
    ['REGION_ANALYST', () => CALLERS.regionAnalyst],
    ['DATA_PROTECTION_OFFICER', () => CALLERS.dpo],
    ['PLATFORM_ADMIN', () => CALLERS.admin],
    ['SOCIAL_DESK_OPERATOR', () => CALLERS.socialDesk],
  ])('%s gets nothing personal', (_role, callerOf) => {
    it('is refused the person and the list, with FORBIDDEN at each field', async () => {
      const person = await graph.query(PERSON, { cf: fixture.people.milan.fiscalCode }, asCaller(callerOf()));
      expect(person.data).toEqual({ worker: null });
      expect(forbiddenPaths(person)).toEqual(['worker']);
      const list = await graph.query('{ workers(first: 5) { totalCount nodes { id } } }', undefined, asCaller(callerOf()));
      expect(list.data).toEqual({ workers: null });
      expect(forbiddenPaths(list)).toEqual(['workers']);
    });

    it('finds no entity through _entities', async () => {
      const reps = [
        ...Object.values(fixture.people).map((p) => ({ __typename: 'Worker', id: p.id })),
        ...Object.values(fixture.people).map((p) => ({ __typename: 'PersonStatus', fiscalCode: p.fiscalCode })),
        ...Object.values(fixture.dids).map((id) => ({ __typename: 'AvailabilityDeclaration', id })),
      ];
      const res = await graph.query(
        'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { id lastName } ... on PersonStatus { availabilityDeclarationActive } ... on AvailabilityDeclaration { status } } }',
        { reps },
        asCaller(callerOf()),
      );
      expect(res).toEqual({ data: { _entities: reps.map(() => null) } });
    });

    it('cannot register or change a DID', async () => {
      const res = await graph.query(
        'mutation($id: ID!) { changeAvailabilityDeclarationStatus(input: { id: $id, status: CANCELLED, effectiveOn: "2025-03-01", reason: "test" }) { id } }',
        { id: fixture.dids.milan },
        asCaller(callerOf()),
      );
      expect(res.data).toEqual({ changeAvailabilityDeclarationStatus: null });
      expect(forbiddenPaths(res)).toEqual(['changeAvailabilityDeclarationStatus']);
    });
  });

  it('without a verified caller every entry point is FORBIDDEN and nothing is read', async () => {
    graph.runtime.db.sql.reset();
    const person = await graph.query(PERSON, { cf: fixture.people.milan.fiscalCode });
    expect(person.data).toEqual({ worker: null });
    expect(forbiddenPaths(person)).toEqual(['worker']);
    const entities = await graph.query('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Worker { id } } }', {
      reps: [{ __typename: 'Worker', id: fixture.people.milan.id }],
    });
    expect(entities.data).toBeNull();
    expect(forbiddenPaths(entities)).toEqual(['_entities']);
    const service = await graph.query('{ _service { sdl } }');
    expect(forbiddenPaths(service)).toEqual(['_service']);
    expect(graph.runtime.db.sql.statements).toBe(0);
  });

  it('names the refused field in a message that gives no reason and no value', async () => {
    const res = await read(CALLERS.socialWorkerMilan, fixture.people.milan.fiscalCode);
    const error = res.errors!.find((e) => e.path?.join('.') === 'worker.availabilityDeclaration')!;
    expect(error.message).toContain('Worker.availabilityDeclaration');
    expect(error.message).not.toContain(fixture.people.milan.fiscalCode);
  });
});
