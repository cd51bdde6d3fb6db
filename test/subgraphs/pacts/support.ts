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
import { type GraphQLResponse } from '../../utils/subgraph';

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
    jobCentreCode: spec.jobCentreCode ?? 'CPI_MI_01',
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
  spec: { state?: InclusionPactState; padSignedOn?: string; stateDate?: string } = {},
): Promise<SocialInclusionPact> {
  const padSignedOn = spec.padSignedOn ?? '2024-02-01';
  const state = spec.state ?? InclusionPactState.TO_CONVENE;
  const pact = em.create(SocialInclusionPact, {
    household: em.getReference(Household, household.id),
    municipality: household.municipality,
    socialServicesCode: 'SS_MI_01',
    state,
    padSignedOn,
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
