import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { type Dataset, type DatasetServicePoint } from '../../scripts/seed/dataset.types';
import { addDays, today } from '../lib/dates';
import { Referral, ReferralEvent, type ReferralLegalBasis, type ReferralReason, ReferralState } from './referral/referral.entity';
import { PersonCompetence } from './competence/person-competence.entity';
import { ConsentRecording, DeskContactAction, DeskNeed, DeskUserType, OrientationOutcome } from './desk-contact/desk-contact.codes';
import { DeskContact, DeskContactEvent } from './desk-contact/desk-contact.entity';
import { ConvocationExclusionReplica } from './convocation-exclusion/convocation-exclusion-replica.entity';
import { Purpose } from '../lib/identity';
import { ServicePoint, type ServicePointKind } from './service-point/service-point.entity';
import { referralsSettings } from './settings';
import { insertChunked } from '../lib/orm';

/** Rows per INSERT: well under SQLite's limit on bound parameters. Plain-data inserts skip property initialisers, so every row carries its id. */
/** Job centres before their desks, so that every parent exists when its children are inserted. */
function parentsFirst(points: DatasetServicePoint[]): DatasetServicePoint[] {
  const ordered: DatasetServicePoint[] = [];
  const placed = new Set<string>();
  let pending = points;
  while (pending.length) {
    const ready = pending.filter((p) => p.parentCode == null || placed.has(p.parentCode));
    if (!ready.length) throw new Error('service points: a parent code is missing or the parents form a cycle');
    for (const point of ready) placed.add(point.code);
    ordered.push(...ready);
    pending = pending.filter((p) => !placed.has(p.code));
  }
  return ordered;
}

/**
 * Stores the service points and the referrals (with their history) of the demo data set,
 * in one transaction. Fields the data set leaves implicit are derived from the history:
 * `sentAt` is the SENT entry, `dueBy` follows from it and `REFERRAL_RESPONSE_DAYS`, the
 * rejection reason and closing outcome are the notes of the REJECTED and CLOSED entries,
 * and the writing organisation is the sending service point's code (a demo social-desk
 * token `--org <SOCIAL_DESK code>` sees the consented referrals of that desk).
 */
export async function seedReferrals(em: EntityManager, data: Dataset): Promise<void> {
  const { responseDays } = referralsSettings();
  await em.transactional(async (tx) => {
    await insertChunked(
      tx,
      ServicePoint,
      parentsFirst(data.servicePoints).map((p) => ({
        code: p.code,
        kind: p.kind as ServicePointKind,
        name: p.name,
        municipality: p.municipality,
        province: p.province,
        address: p.address,
        manager: p.manager,
        publicHousingNeighbourhood: p.publicHousingNeighbourhood,
        neighbourhood: p.neighbourhood ?? null,
        parent: p.parentCode,
      })),
    );

    const referrals: EntityData<Referral>[] = [];
    const events: EntityData<ReferralEvent>[] = [];
    for (const r of data.referrals) {
      const sent = r.history.find((e) => e.toState === ReferralState.SENT);
      const last = r.history[r.history.length - 1];
      referrals.push({
        id: r.id,
        workerId: r.workerId,
        workerFiscalCode: r.fiscalCode,
        from: r.fromCode,
        to: r.toCode,
        reason: r.reason as ReferralReason,
        motivation: r.motivation,
        legalBasis: r.legalBasis as ReferralLegalBasis,
        state: r.state as ReferralState,
        createdAt: new Date(r.createdAt),
        updatedAt: new Date(last?.at ?? r.createdAt),
        sentAt: sent ? new Date(sent.at) : null,
        dueBy: sent ? addDays(today(new Date(sent.at)), responseDays) : null,
        rejectionReason: r.history.find((e) => e.toState === ReferralState.REJECTED)?.note ?? null,
        outcome: r.history.find((e) => e.toState === ReferralState.CLOSED)?.note ?? null,
        // The data set has no organisations: a referral belongs to the organisation named
        // like its sending service point's code (see Referral.createdByOrganisation).
        createdByOrganisation: r.fromCode,
      });
      r.history.forEach((e, index) => {
        events.push({
          id: randomUUID(),
          referral: r.id,
          sequence: index + 1,
          fromState: e.fromState as ReferralState | null,
          toState: e.toState as ReferralState,
          at: new Date(e.at),
          note: e.note,
          recordedBy: null,
        });
      });
    }
    await insertChunked(tx, Referral, referrals);
    await insertChunked(tx, ReferralEvent, events);
    await insertChunked(tx, PersonCompetence, personCompetence(data));
    const { contacts, events: contactEvents } = deskContacts(data);
    await insertChunked(tx, DeskContact, contacts);
    await insertChunked(tx, DeskContactEvent, contactEvents);
    // The pacts subgraph's do-not-convene decisions, as its convocation.exclusion events leave them here.
    await insertChunked(
      tx,
      ConvocationExclusionReplica,
      data.convocationExclusions.map((x) => ({ exclusionId: x.id, fiscalCode: x.fiscalCode, reason: x.reason, since: x.since, endedOn: null, changedAt: new Date() })),
    );
  });
}

/** Who registered the demo desk contacts (the data set has no operators). */
const DEMO_DESK_OPERATOR = 'demo-desk-operator';

/**
 * The desk contacts with their history, as `registerDeskContact` (purpose REFERRAL) and
 * `withdrawDeskContactConsent` would have written them: a REGISTERED entry, and a
 * CONSENT_WITHDRAWN one when the person withdrew (the identity is already erased in the data set).
 */
function deskContacts(data: Dataset): { contacts: EntityData<DeskContact>[]; events: EntityData<DeskContactEvent>[] } {
  const contacts: EntityData<DeskContact>[] = [];
  const events: EntityData<DeskContactEvent>[] = [];
  for (const c of data.deskContacts) {
    const contactedAt = new Date(c.contactedAt);
    contacts.push({
      id: c.id,
      desk: c.deskCode,
      organisation: c.organisation,
      fiscalCode: c.fiscalCode,
      workerId: c.workerId,
      userType: c.userType as DeskUserType,
      need: c.need as DeskNeed,
      outcome: c.outcome as OrientationOutcome,
      contactedAt,
      consentGivenAt: contactedAt,
      consentRecordedAs: c.consentRecordedAs as ConsentRecording,
      consentWithdrawnAt: c.consentWithdrawnAt ? new Date(c.consentWithdrawnAt) : null,
      recordedBy: DEMO_DESK_OPERATOR,
      createdAt: contactedAt,
    });
    const entry = { contact: c.id, recordedBy: DEMO_DESK_OPERATOR, organisation: c.organisation, purpose: Purpose.REFERRAL, referralId: null };
    events.push({ ...entry, id: randomUUID(), sequence: 1, action: DeskContactAction.REGISTERED, at: contactedAt, note: `consent ${c.consentRecordedAs}` });
    if (c.consentWithdrawnAt) {
      events.push({ ...entry, id: randomUUID(), sequence: 2, action: DeskContactAction.CONSENT_WITHDRAWN, at: new Date(c.consentWithdrawnAt), note: null });
    }
  }
  return { contacts, events };
}

/** DID states in which a DID is active (domain.md §8.4: Inserita or Convalidata). */
const ACTIVE_DID = new Set(['INSERTED', 'VALIDATED']);
/** Service-pact states in which a pact is open. */
const OPEN_SERVICE_PACT = new Set(['PROPOSED', 'SIGNED', 'IN_PROGRESS']);
/** Inclusion-pact states in which a pact is open. */
const OPEN_INCLUSION_PACT = new Set(['TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING']);

/**
 * The competence replica (PersonCompetence) as the workers and pacts subgraphs would
 * publish it for the same data set: domicile and active DID holder (workers), open
 * service-pact holder and the municipality of the household's open inclusion pact
 * (pacts). The data set records no SAP holder, so `recordJobCentre` stays null.
 */
function personCompetence(data: Dataset): EntityData<PersonCompetence>[] {
  const latest = <T extends { workerId: string }>(rows: T[], at: (row: T) => string) => {
    const byWorker = new Map<string, T>();
    for (const row of rows) {
      const seen = byWorker.get(row.workerId);
      if (!seen || at(row) > at(seen)) byWorker.set(row.workerId, row);
    }
    return byWorker;
  };
  const dids = latest(data.dids.filter((d) => ACTIVE_DID.has(d.status)), (d) => d.statusDate);
  const pacts = latest(data.servicePacts.filter((p) => OPEN_SERVICE_PACT.has(p.state)), (p) => p.proposedOn);
  const pactMunicipality = new Map<string, string>();
  for (const pact of data.inclusionPacts.filter((p) => OPEN_INCLUSION_PACT.has(p.state))) pactMunicipality.set(pact.householdId, pact.municipality);
  const inclusion = new Map<string, string>();
  for (const household of data.households) {
    const municipality = pactMunicipality.get(household.id);
    if (municipality) for (const member of household.members) inclusion.set(member.workerId, municipality);
  }
  const now = new Date();
  return data.workers.map((w) => ({
    fiscalCode: w.fiscalCode,
    workerId: w.id,
    domicileMunicipality: w.domicileMunicipality,
    servicePactJobCentre: pacts.get(w.id)?.jobCentreCode ?? null,
    availabilityJobCentre: dids.get(w.id)?.jobCentreCode ?? null,
    recordJobCentre: null,
    inclusionPactMunicipality: inclusion.get(w.id) ?? null,
    updatedAt: now,
  }));
}
