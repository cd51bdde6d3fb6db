import 'reflect-metadata';
import { type EntityManager } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { OutboxEvent } from '../../../subgraphs/lib/outbox/outbox-event.entity';
import { ActivationRouting } from '../../../subgraphs/pacts/activation-routing/activation-routing.entity';
import { DigitalActivationPact } from '../../../subgraphs/pacts/digital-activation-pact/digital-activation-pact.entity';
import { HouseholdMember } from '../../../subgraphs/pacts/household/household.entity';
import {
  InclusionPactState,
  SocialInclusionPact,
  SocialInclusionPactStateChange,
} from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePact, ServicePactState, ServicePactStateChange } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { REPLACED_BY_NEW_PACT } from '../../../subgraphs/pacts/service-pact/service-pact.service';
import { asCaller } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { createPactsGraph, errorCode, jobCentre, newPerson, socialWorker, storeHousehold, storeInclusionPact, storePact } from './support';

/**
 * Issue 5 point 8 for the pacts: each transition mutation writes a history row saying who
 * (operator and organisation), when, why and under which purpose, all from the verified
 * caller; each illegal one is a CONFLICT that changes no pact, history, routing or outbox row.
 */

const CPI = jobCentre();
const SOCIAL = socialWorker();
const ON = '2024-06-01';

const CREATE_PACT = 'mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { id state } }';
const SIGN_PACT = 'mutation($input: SignServicePactInput!) { signServicePact(input: $input) { id state } }';
const CHANGE_PACT = 'mutation($input: ChangeServicePactStateInput!) { changeServicePactState(input: $input) { id state } }';
const CREATE_PAIS = 'mutation($input: CreateSocialInclusionPactInput!) { createSocialInclusionPact(input: $input) { id state } }';
const ANALYSIS = 'mutation($input: RecordPreliminaryAnalysisInput!) { recordPreliminaryAnalysis(input: $input) { id state } }';
const CHANGE_PAIS = 'mutation($input: ChangeSocialInclusionPactStateInput!) { changeSocialInclusionPactState(input: $input) { id state } }';

type Machine = 'service' | 'inclusion';

interface Case {
  name: string;
  machine: Machine;
  caller: Caller;
  query: string;
  /** Arranges the data and returns the variables of the mutation and the id of the pact it concerns (when it exists before). */
  arrange: (em: EntityManager) => Promise<{ variables: Record<string, unknown>; pactId?: string }>;
  /** Reads the pact id from the answer (creation). */
  created?: (data: Record<string, { id: string }>) => string;
  from: string | null;
  to: string;
  reason: string;
  effectiveOn: string;
}

/** A service pact stored in `state` (proposed on 2024-01-10). */
async function servicePactIn(em: EntityManager, state: ServicePactState): Promise<string> {
  return (await storePact(em, { person: newPerson(), state })).id;
}

/** A social inclusion pact of a new Milan household stored in `state` (PAD on 2024-02-01). */
async function inclusionPactIn(em: EntityManager, state: InclusionPactState): Promise<string> {
  const household = await storeHousehold(em, [{ person: newPerson() }]);
  return (await storeInclusionPact(em, household, { state })).id;
}

const serviceMove = (from: ServicePactState, to: ServicePactState): Case => ({
  name: `changeServicePactState ${from} -> ${to}`,
  machine: 'service',
  caller: CPI,
  query: CHANGE_PACT,
  arrange: async (em) => {
    const id = await servicePactIn(em, from);
    return { pactId: id, variables: { input: { id, state: to, effectiveOn: ON, reason: `moved to ${to} by the operator` } } };
  },
  from,
  to,
  reason: `moved to ${to} by the operator`,
  effectiveOn: ON,
});

const inclusionMove = (from: InclusionPactState, to: InclusionPactState): Case => ({
  name: `changeSocialInclusionPactState ${from} -> ${to}`,
  machine: 'inclusion',
  caller: SOCIAL,
  query: CHANGE_PAIS,
  arrange: async (em) => {
    const id = await inclusionPactIn(em, from);
    return { pactId: id, variables: { input: { id, state: to, effectiveOn: ON, reason: `moved to ${to} by the case manager` } } };
  },
  from,
  to,
  reason: `moved to ${to} by the case manager`,
  effectiveOn: ON,
});

const LEGAL: Case[] = [
  {
    name: 'createServicePact -> PROPOSED',
    machine: 'service',
    caller: CPI,
    query: CREATE_PACT,
    arrange: async () => {
      const person = newPerson();
      return { variables: { input: { workerId: person.workerId, fiscalCode: person.fiscalCode, jobCentreCode: 'CPI_MI_01', programme: 'ORDINARY', proposedOn: ON } } };
    },
    created: (data) => data.createServicePact!.id,
    from: null,
    to: 'PROPOSED',
    reason: 'pact proposed',
    effectiveOn: ON,
  },
  {
    name: 'signServicePact PROPOSED -> SIGNED',
    machine: 'service',
    caller: CPI,
    query: SIGN_PACT,
    arrange: async (em) => {
      const id = await servicePactIn(em, ServicePactState.PROPOSED);
      return { pactId: id, variables: { input: { id, signedOn: ON } } };
    },
    from: 'PROPOSED',
    to: 'SIGNED',
    reason: 'pact signed',
    effectiveOn: ON,
  },
  serviceMove(ServicePactState.PROPOSED, ServicePactState.CANCELLED),
  serviceMove(ServicePactState.SIGNED, ServicePactState.IN_PROGRESS),
  serviceMove(ServicePactState.SIGNED, ServicePactState.CANCELLED),
  serviceMove(ServicePactState.IN_PROGRESS, ServicePactState.COMPLETED),
  serviceMove(ServicePactState.IN_PROGRESS, ServicePactState.INTERRUPTED),
  serviceMove(ServicePactState.IN_PROGRESS, ServicePactState.LAPSED),
  serviceMove(ServicePactState.IN_PROGRESS, ServicePactState.CANCELLED),
  {
    name: 'createSocialInclusionPact -> TO_CONVENE',
    machine: 'inclusion',
    caller: SOCIAL,
    query: CREATE_PAIS,
    arrange: async (em) => {
      const household = await storeHousehold(em, [{ person: newPerson() }]);
      return { variables: { input: { householdId: household.id, municipality: '015146', socialServicesCode: 'SS_MI_01', padSignedOn: ON } } };
    },
    created: (data) => data.createSocialInclusionPact!.id,
    from: null,
    to: 'TO_CONVENE',
    reason: 'received after the digital activation pact',
    effectiveOn: ON,
  },
  {
    name: 'recordPreliminaryAnalysis TO_CONVENE -> PRELIMINARY_ANALYSIS',
    machine: 'inclusion',
    caller: SOCIAL,
    query: ANALYSIS,
    arrange: async (em) => {
      const id = await inclusionPactIn(em, InclusionPactState.TO_CONVENE);
      return { pactId: id, variables: { input: { pactId: id, effectiveOn: ON, reason: 'household convened, no member able to work', activatable: [] } } };
    },
    from: 'TO_CONVENE',
    to: 'PRELIMINARY_ANALYSIS',
    reason: 'household convened, no member able to work',
    effectiveOn: ON,
  },
  inclusionMove(InclusionPactState.TO_CONVENE, InclusionPactState.PRELIMINARY_ANALYSIS),
  inclusionMove(InclusionPactState.PRELIMINARY_ANALYSIS, InclusionPactState.ANALYSIS_FRAMEWORK),
  inclusionMove(InclusionPactState.PRELIMINARY_ANALYSIS, InclusionPactState.SIGNED),
  inclusionMove(InclusionPactState.ANALYSIS_FRAMEWORK, InclusionPactState.SIGNED),
  inclusionMove(InclusionPactState.SIGNED, InclusionPactState.MONITORING),
  inclusionMove(InclusionPactState.MONITORING, InclusionPactState.COMPLETED),
  inclusionMove(InclusionPactState.MONITORING, InclusionPactState.LAPSED),
];

const ILLEGAL: Case[] = [
  serviceMove(ServicePactState.PROPOSED, ServicePactState.IN_PROGRESS),
  serviceMove(ServicePactState.PROPOSED, ServicePactState.COMPLETED),
  serviceMove(ServicePactState.SIGNED, ServicePactState.LAPSED),
  serviceMove(ServicePactState.COMPLETED, ServicePactState.CANCELLED),
  serviceMove(ServicePactState.INTERRUPTED, ServicePactState.IN_PROGRESS),
  serviceMove(ServicePactState.LAPSED, ServicePactState.COMPLETED),
  serviceMove(ServicePactState.CANCELLED, ServicePactState.PROPOSED),
  ...[ServicePactState.SIGNED, ServicePactState.IN_PROGRESS, ServicePactState.COMPLETED, ServicePactState.CANCELLED].map(
    (from): Case => ({
      name: `signServicePact ${from} -> SIGNED`,
      machine: 'service',
      caller: CPI,
      query: SIGN_PACT,
      arrange: async (em) => {
        const id = await servicePactIn(em, from);
        return { pactId: id, variables: { input: { id, signedOn: ON } } };
      },
      from,
      to: 'SIGNED',
      reason: '',
      effectiveOn: ON,
    }),
  ),
  inclusionMove(InclusionPactState.TO_CONVENE, InclusionPactState.SIGNED),
  inclusionMove(InclusionPactState.TO_CONVENE, InclusionPactState.COMPLETED),
  inclusionMove(InclusionPactState.SIGNED, InclusionPactState.PRELIMINARY_ANALYSIS),
  inclusionMove(InclusionPactState.MONITORING, InclusionPactState.SIGNED),
  inclusionMove(InclusionPactState.COMPLETED, InclusionPactState.MONITORING),
  inclusionMove(InclusionPactState.LAPSED, InclusionPactState.SIGNED),
  ...[InclusionPactState.PRELIMINARY_ANALYSIS, InclusionPactState.SIGNED, InclusionPactState.COMPLETED, InclusionPactState.LAPSED].map(
    (from): Case => ({
      name: `recordPreliminaryAnalysis ${from} -> PRELIMINARY_ANALYSIS`,
      machine: 'inclusion',
      caller: SOCIAL,
      query: ANALYSIS,
      arrange: async (em) => {
        const id = await inclusionPactIn(em, from);
        return { pactId: id, variables: { input: { pactId: id, effectiveOn: ON, reason: 'analysis again', activatable: [] } } };
      },
      from,
      to: 'PRELIMINARY_ANALYSIS',
      reason: '',
      effectiveOn: ON,
    }),
  ),
];

/** Every row count a refused mutation must leave as it was. */
async function counts(em: EntityManager): Promise<Record<string, number>> {
  return {
    servicePacts: await em.count(ServicePact),
    servicePactChanges: await em.count(ServicePactStateChange),
    inclusionPacts: await em.count(SocialInclusionPact),
    inclusionPactChanges: await em.count(SocialInclusionPactStateChange),
    routings: await em.count(ActivationRouting),
    pads: await em.count(DigitalActivationPact),
    outbox: await em.count(OutboxEvent),
  };
}

/** The stored pact as a refused mutation must leave it. */
async function pactRow(em: EntityManager, machine: Machine, id: string): Promise<Record<string, unknown>> {
  if (machine === 'service') {
    const p = await em.findOneOrFail(ServicePact, id);
    return { state: p.state, stateDate: p.stateDate, signedOn: p.signedOn ?? null, endedOn: p.endedOn ?? null };
  }
  const p = await em.findOneOrFail(SocialInclusionPact, id);
  return { state: p.state, stateDate: p.stateDate, signedOn: p.signedOn ?? null, preliminaryAnalysisOn: p.preliminaryAnalysisOn ?? null };
}

/** The newest history row of a pact. */
async function lastChange(em: EntityManager, machine: Machine, id: string): Promise<ServicePactStateChange | SocialInclusionPactStateChange> {
  const rows: (ServicePactStateChange | SocialInclusionPactStateChange)[] =
    machine === 'service'
      ? await em.find(ServicePactStateChange, { pact: id }, { orderBy: { recordedAt: 'desc', id: 'asc' } })
      : await em.find(SocialInclusionPactStateChange, { pact: id }, { orderBy: { recordedAt: 'desc', id: 'asc' } });
  // Fixture rows and the new one may share a second: the new one is the row that is not the fixture's.
  const fresh = rows.filter((r) => r.reason !== 'fixture');
  expect(fresh).toHaveLength(1);
  return fresh[0]!;
}

describe('pact transitions record who, when, why and purpose, and illegal ones write nothing', () => {
  let graph: TestSubgraph<PactsLoaders>;
  beforeAll(async () => {
    graph = await createPactsGraph(null);
  });
  afterAll(() => graph.close());

  it.each(LEGAL.map((c) => [c.name, c] as const))('%s writes a history row with operator, organisation, time, reason and purpose', async (_name, c) => {
    const { variables, pactId } = await c.arrange(graph.em());
    const before = Date.now();
    const response = await graph.query<Record<string, { id: string; state: string }>>(c.query, variables, asCaller(c.caller));
    const after = Date.now();
    expect(response.errors).toBeUndefined();
    const id = pactId ?? c.created!(response.data!);
    const change = await lastChange(graph.em(), c.machine, id);
    expect({
      fromState: change.fromState ?? null,
      toState: change.toState,
      effectiveOn: change.effectiveOn,
      reason: change.reason,
      recordedBy: change.recordedBy,
      organisation: change.organisation,
      purpose: change.purpose,
    }).toEqual({
      fromState: c.from,
      toState: c.to,
      effectiveOn: c.effectiveOn,
      reason: c.reason,
      recordedBy: c.caller.subject,
      organisation: c.caller.organisation,
      purpose: c.caller.purpose,
    });
    // Stored to the second on some platforms: within the request, give or take that second.
    expect(change.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(change.recordedAt.getTime()).toBeLessThanOrEqual(after + 1000);
  });

  it("signing a pact records the closing of the person's previous active pact with the signer as its author", async () => {
    const em = graph.em();
    const person = newPerson();
    const previous = await storePact(em, { person, state: ServicePactState.IN_PROGRESS });
    const next = await storePact(em, { person, state: ServicePactState.PROPOSED, proposedOn: '2024-05-01' });
    const response = await graph.query(SIGN_PACT, { input: { id: next.id, signedOn: ON } }, asCaller(CPI));
    expect(response.errors).toBeUndefined();
    const change = await lastChange(graph.em(), 'service', previous.id);
    expect({ fromState: change.fromState, toState: change.toState, effectiveOn: change.effectiveOn, reason: change.reason, recordedBy: change.recordedBy, organisation: change.organisation, purpose: change.purpose }).toEqual({
      fromState: 'IN_PROGRESS',
      toState: 'COMPLETED',
      effectiveOn: ON,
      reason: REPLACED_BY_NEW_PACT,
      recordedBy: CPI.subject,
      organisation: CPI.organisation,
      purpose: CPI.purpose,
    });
  });

  it('a preliminary analysis that routes a member records who routed them and under which purpose', async () => {
    const em = graph.em();
    const person = newPerson();
    const household = await storeHousehold(em, [{ person }]);
    const pact = await storeInclusionPact(em, household);
    const member = await em.findOneOrFail(HouseholdMember, { fiscalCode: person.fiscalCode });
    em.create(DigitalActivationPact, { member, signedOn: '2024-02-01' });
    await em.flush();
    const response = await graph.query(
      ANALYSIS,
      { input: { pactId: pact.id, effectiveOn: ON, reason: 'one member able to work', activatable: [{ fiscalCode: person.fiscalCode, jobCentreCode: 'CPI_MI_01' }] } },
      asCaller(SOCIAL),
    );
    expect(response.errors).toBeUndefined();
    const routing = await graph.em().findOneOrFail(ActivationRouting, { pact: pact.id });
    expect({ routedOn: routing.routedOn, recordedBy: routing.recordedBy, purpose: routing.purpose }).toEqual({
      routedOn: ON,
      recordedBy: SOCIAL.subject,
      purpose: SOCIAL.purpose,
    });
  });

  it.each(ILLEGAL.map((c) => [c.name, c] as const))('%s is a CONFLICT and changes no pact, history, routing or outbox row', async (_name, c) => {
    const { variables, pactId } = await c.arrange(graph.em());
    const rowsBefore = await counts(graph.em());
    const pactBefore = await pactRow(graph.em(), c.machine, pactId!);
    const response = await graph.query(c.query, variables, asCaller(c.caller));
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors![0]!.extensions).toMatchObject({ currentState: c.from, requestedState: c.to });
    expect(await counts(graph.em())).toEqual(rowsBefore);
    expect(await pactRow(graph.em(), c.machine, pactId!)).toEqual(pactBefore);
  });
});
