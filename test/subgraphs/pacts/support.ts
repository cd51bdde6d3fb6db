import { type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { encodePersonalFiscalCode } from '../../../subgraphs/lib/codes';
import { addDays } from '../../../subgraphs/lib/dates';
import { Household, HouseholdMember, HouseholdRelation } from '../../../subgraphs/pacts/household/household.entity';
import {
  InclusionPactState,
  SocialInclusionPact,
  SocialInclusionPactStateChange,
} from '../../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import {
  type GolPathway,
  ServicePact,
  ServicePactProgramme,
  ServicePactState,
  ServicePactStateChange,
} from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { type Caller } from '../../../subgraphs/lib/identity';
import { pactsSubgraph } from '../../../subgraphs/pacts';
import { type PactsLoaders } from '../../../subgraphs/pacts/loaders';
import { ServicePointKind, ServicePointDirectoryEntry } from '../../../subgraphs/lib/service-point-directory.entity';
import { callerAs, LOMBARDY } from '../../utils/callers';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';

/**
 * The service-point directory of the tests (synthetic codes): job centres and a desk in
 * Milan (015146) and Bergamo (016024), social services of both, and a social desk.
 */
export const DIRECTORY: readonly { code: string; kind: ServicePointKind; municipality: string; province: string }[] = [
  { code: 'CPI_MI_01', kind: ServicePointKind.JOB_CENTRE, municipality: '015146', province: '015' },
  { code: 'CPI_MI_02', kind: ServicePointKind.JOB_CENTRE_DESK, municipality: '015146', province: '015' },
  { code: 'CPI_BG_01', kind: ServicePointKind.JOB_CENTRE, municipality: '016024', province: '016' },
  { code: 'SS_MI_01', kind: ServicePointKind.SOCIAL_SERVICES, municipality: '015146', province: '015' },
  { code: 'SS_BG_01', kind: ServicePointKind.SOCIAL_SERVICES, municipality: '016024', province: '016' },
  { code: 'SD_CR_01', kind: ServicePointKind.SOCIAL_DESK, municipality: '019036', province: '019' },
];

/** Stores the test directory (the replica of the referrals service points). */
export async function storeDirectory(em: EntityManager): Promise<void> {
  for (const entry of DIRECTORY) em.create(ServicePointDirectoryEntry, entry);
  await em.flush();
}

/** A job-centre operator providing employment services; by default for the whole of Lombardy. */
export function jobCentre(territory: string[] = LOMBARDY, purpose: 'EMPLOYMENT_SERVICES' | 'REFERRAL' = 'EMPLOYMENT_SERVICES'): Caller {
  return callerAs('CPI_OPERATOR', purpose, { territory, subject: 'CPI-OPERATOR-1', organisation: 'cpi-test' });
}

/** A municipal social worker managing inclusion pacts; by default of Milan (015146). */
export function socialWorker(territory: string[] = ['015146'], purpose: 'SOCIAL_INCLUSION' | 'REFERRAL' = 'SOCIAL_INCLUSION'): Caller {
  return callerAs('SOCIAL_WORKER', purpose, { territory, subject: 'SOCIAL-WORKER-1', organisation: 'comune-test' });
}

/** The person themselves (SPID/CIE): the token subject is their fiscal code. */
export function citizen(person: Person): Caller {
  return callerAs('CITIZEN', 'SELF_SERVICE', { subject: person.fiscalCode, organisation: 'spid' });
}

/** The pacts subgraph on a fresh database holding the test directory, acting by default as `caller`. */
export async function createPactsGraph(caller: Caller | null): Promise<TestSubgraph<PactsLoaders>> {
  const graph = await createTestSubgraph(pactsSubgraph, { caller });
  await storeDirectory(graph.em());
  return graph;
}

/** A synthetic, valid personal fiscal code; distinct for every `n` below 30,000. */
export function fiscalCode(n: number): string {
  return encodePersonalFiscalCode({ lastName: 'Prova', firstName: 'Dato', sex: 'F', birthPlace: 'F205', birthDate: addDays('1960-01-01', n) });
}

/** A synthetic person: a worker id and a fiscal code. */
export interface Person {
  workerId: string;
  fiscalCode: string;
}

let people = 0;
/** A new synthetic person, never used before in this process. */
export function newPerson(): Person {
  people += 1;
  return { workerId: randomUUID(), fiscalCode: fiscalCode(people) };
}

export interface PactSpec {
  person: Person;
  programme?: ServicePactProgramme;
  golPathway?: GolPathway | null;
  state?: ServicePactState;
  proposedOn?: string;
  signedOn?: string | null;
  stateDate?: string;
  jobCentreCode?: string;
}

/** Stores a service pact directly (with one history entry), bypassing the mutations. */
export async function storePact(em: EntityManager, spec: PactSpec): Promise<ServicePact> {
  const state = spec.state ?? ServicePactState.PROPOSED;
  const proposedOn = spec.proposedOn ?? '2024-01-10';
  const signedOn = spec.signedOn !== undefined ? spec.signedOn : state === ServicePactState.PROPOSED ? null : addDays(proposedOn, 5);
  const pact = em.create(ServicePact, {
    workerId: spec.person.workerId,
    fiscalCode: spec.person.fiscalCode,
    jobCentre: spec.jobCentreCode ?? 'CPI_MI_01',
    programme: spec.programme ?? ServicePactProgramme.ORDINARY,
    golPathway: spec.golPathway ?? null,
    state,
    proposedOn,
    signedOn,
    stateDate: spec.stateDate ?? signedOn ?? proposedOn,
  });
  em.create(ServicePactStateChange, { pact, fromState: null, toState: state, effectiveOn: pact.stateDate, reason: 'fixture' });
  await em.flush();
  return pact;
}

/** Stores a household with the given members (the first is the applicant). */
export async function storeHousehold(
  em: EntityManager,
  members: { person: Person; relation?: HouseholdRelation }[],
  municipality = '015146',
): Promise<Household> {
  const household = em.create(Household, { municipality });
  members.forEach(({ person, relation }, i) => {
    em.create(HouseholdMember, {
      household,
      workerId: person.workerId,
      fiscalCode: person.fiscalCode,
      relation: relation ?? (i === 0 ? HouseholdRelation.APPLICANT : HouseholdRelation.CHILD),
    });
  });
  await em.flush();
  return household;
}

/** Stores a social inclusion pact for a household directly. */
export async function storeInclusionPact(
  em: EntityManager,
  household: Household,
  spec: {
    state?: InclusionPactState;
    padSignedOn?: string;
    preliminaryAnalysisOn?: string | null;
    stateDate?: string;
    municipality?: string;
    socialServicesCode?: string;
  } = {},
): Promise<SocialInclusionPact> {
  const padSignedOn = spec.padSignedOn ?? '2024-02-01';
  const state = spec.state ?? InclusionPactState.TO_CONVENE;
  const pact = em.create(SocialInclusionPact, {
    household: em.getReference(Household, household.id),
    municipality: spec.municipality ?? household.municipality,
    socialServicesCode: spec.socialServicesCode ?? 'SS_MI_01',
    state,
    padSignedOn,
    preliminaryAnalysisOn: spec.preliminaryAnalysisOn ?? null,
    stateDate: spec.stateDate ?? padSignedOn,
  });
  em.create(SocialInclusionPactStateChange, { pact, fromState: null, toState: state, effectiveOn: pact.stateDate, reason: 'fixture' });
  await em.flush();
  return pact;
}

/** The `extensions.code` of the first error, if any. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.code;
}

/** The problems listed by a BAD_USER_INPUT error. */
export function problemsOf(response: GraphQLResponse<unknown>): { path: string; message: string }[] {
  return (response.errors?.[0]?.extensions?.problems as { path: string; message: string }[] | undefined) ?? [];
}
