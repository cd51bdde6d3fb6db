import { type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { type Dataset } from '../../scripts/seed/dataset.types';
import { insertChunked } from '../lib/orm';
import { Household, HouseholdMember, HouseholdRelation } from './household/household.entity';
import { ConvocationExclusion, ConvocationExclusionReason } from './convocation-exclusion/convocation-exclusion.entity';
import { Purpose } from '../lib/identity';
import { InclusionPactState, SocialInclusionPact, SocialInclusionPactStateChange } from './inclusion-pact/inclusion-pact.entity';
import { ServicePointKind, ServicePointDirectoryEntry } from '../lib/service-point-directory.entity';
import { GolPathway, ServicePact, ServicePactProgramme, ServicePactState, ServicePactStateChange } from './service-pact/service-pact.entity';

const IMPORTED = 'state imported from the demo data set';

/** Narrows a data-set string to an enum value; the error names the record, never the data. */
function enumValue<E extends Record<string, string>>(values: E, value: string, where: string): E[keyof E] {
  if (!Object.values(values).includes(value)) throw new Error(`pacts seed: ${where} has an unknown value`);
  return value as E[keyof E];
}

/**
 * Stores the part of the demo data set that the pacts subgraph owns: households and
 * their members, service pacts and social inclusion pacts, each pact with one history
 * entry for the state it was imported in (the data set carries no history of its own),
 * and the replica of the service-point directory (code, kind, municipality, province of
 * each point) from which the territory of a service pact is known.
 * Batched inserts in one transaction: a few thousand rows take well under a second.
 */
export async function seedPacts(em: EntityManager, data: Dataset): Promise<void> {
  const now = new Date();
  const directory = data.servicePoints.map((point, i) => ({
    code: point.code,
    kind: enumValue(ServicePointKind, point.kind, `servicePoints[${i}].kind`),
    municipality: point.municipality,
    province: point.province,
    neighbourhood: point.neighbourhood ?? null,
  }));
  const households = data.households.map((h) => ({ id: h.id, municipality: h.municipality }));
  const members = data.households.flatMap((h, i) =>
    h.members.map((m, j) => ({
      id: randomUUID(),
      household: h.id,
      workerId: m.workerId,
      fiscalCode: m.fiscalCode,
      relation: enumValue(HouseholdRelation, m.relation, `households[${i}].members[${j}].relation`),
    })),
  );
  const servicePacts = data.servicePacts.map((p, i) => {
    const programme = enumValue(ServicePactProgramme, p.programme, `servicePacts[${i}].programme`);
    const golPathway = p.golPathway == null ? null : enumValue(GolPathway, p.golPathway, `servicePacts[${i}].golPathway`);
    if ((programme === ServicePactProgramme.GOL) !== (golPathway != null)) {
      throw new Error(`pacts seed: servicePacts[${i}] must have a GOL pathway exactly when its programme is GOL`);
    }
    return {
      id: p.id,
      workerId: p.workerId,
      fiscalCode: p.fiscalCode,
      didId: p.didId,
      jobCentre: p.jobCentreCode,
      programme,
      golPathway,
      state: enumValue(ServicePactState, p.state, `servicePacts[${i}].state`),
      proposedOn: p.proposedOn,
      signedOn: p.signedOn,
      endedOn: p.endedOn,
      stateDate: p.stateDate,
      createdAt: now,
    };
  });
  const servicePactChanges = servicePacts.map((p) => ({
    id: randomUUID(),
    pact: p.id,
    fromState: null,
    toState: p.state,
    effectiveOn: p.stateDate,
    reason: IMPORTED,
    recordedBy: null,
    recordedAt: now,
  }));
  const inclusionPacts = data.inclusionPacts.map((p, i) => ({
    id: p.id,
    household: p.householdId,
    municipality: p.municipality,
    socialServicesCode: p.socialServicesCode,
    state: enumValue(InclusionPactState, p.state, `inclusionPacts[${i}].state`),
    padSignedOn: p.padSignedOn,
    signedOn: p.signedOn,
    stateDate: p.stateDate,
    createdAt: now,
  }));
  const inclusionPactChanges = inclusionPacts.map((p) => ({
    id: randomUUID(),
    pact: p.id,
    fromState: null,
    toState: p.state,
    effectiveOn: p.stateDate,
    reason: IMPORTED,
    recordedBy: null,
    recordedAt: now,
  }));

  // The do-not-convene decisions in force, as a social worker records them (purpose SOCIAL_INCLUSION).
  const memberIds = new Map(members.map((m) => [`${m.household} ${m.workerId}`, m.id]));
  const exclusions = data.convocationExclusions.map((x, i) => {
    const member = memberIds.get(`${x.householdId} ${x.workerId}`);
    if (!member) throw new Error(`pacts seed: convocationExclusions[${i}] names no member of its household`);
    return {
      id: x.id,
      member,
      fiscalCode: x.fiscalCode,
      reason: enumValue(ConvocationExclusionReason, x.reason, `convocationExclusions[${i}].reason`),
      details: null,
      since: x.since,
      recordedBy: null,
      purpose: Purpose.SOCIAL_INCLUSION,
      recordedAt: now,
      endedOn: null,
    };
  });

  await em.transactional(async (tx) => {
    await insertChunked(tx, ServicePointDirectoryEntry, directory);
    await insertChunked(tx, Household, households);
    await insertChunked(tx, HouseholdMember, members);
    await insertChunked(tx, ServicePact, servicePacts);
    await insertChunked(tx, ServicePactStateChange, servicePactChanges);
    await insertChunked(tx, SocialInclusionPact, inclusionPacts);
    await insertChunked(tx, SocialInclusionPactStateChange, inclusionPactChanges);
    await insertChunked(tx, ConvocationExclusion, exclusions);
  });
}
