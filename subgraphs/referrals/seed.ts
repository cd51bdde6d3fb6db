import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { type Dataset, type DatasetServicePoint } from '../../scripts/seed/dataset.types';
import { addDays, today } from '../lib/dates';
import { Referral, ReferralEvent, type ReferralLegalBasis, type ReferralReason, ReferralState } from './referral/referral.entity';
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
  });
}
