import { badUserInput, conflict, type InputProblem, notFound } from '../../lib/errors';
import { isUuid } from '../../lib/validation';
import { type ReferralsContext } from '../context';
import { type Referral, ReferralLegalBasis, ReferralReason, ReferralState } from '../referral/referral.entity';
import { ReferralService } from '../referral/referral.service';
import { type ServicePoint, ServicePointKind } from '../service-point/service-point.entity';
import { DeskContactAction } from './desk-contact.codes';
import { DeskContact, DeskContactEvent } from './desk-contact.entity';
import { type ReferFromDeskContactInput, type RegisterDeskContactInput } from './desk-contact.input';
import { inRequestTransaction } from '../../lib/orm';

/** Where a desk sends people, with the coded reason the referral carries (domain.md §9, local flows). */
export const DESK_REFERRAL_REASONS: Readonly<Partial<Record<ServicePointKind, ReferralReason>>> = {
  [ServicePointKind.SOCIAL_SERVICES]: ReferralReason.SOCIAL_NEEDS,
  [ServicePointKind.JOB_CENTRE_DESK]: ReferralReason.WORK_ACTIVATION,
  [ServicePointKind.CASSA_EDILE]: ReferralReason.CONSTRUCTION_SECTOR,
};

/** Why a contact's consent ended, on its history and on the history of each referral it withdraws. */
const CONSENT_WITHDRAWN_NOTE = 'consent withdrawn by the person';

/** Referral states a withdrawal of consent still stops (the sender's WITHDRAWN transition). */
const WITHDRAWABLE: readonly ReferralState[] = [ReferralState.SENT, ReferralState.ACCEPTED];

/**
 * Where contacts are registered: a sportello sociale, or a job-centre desk in a
 * public-housing neighbourhood, where the partners of the ALER protocol (seed 004: ALER's
 * community managers, accredited operators) register their outreach contacts on the same
 * consent and under the same organisation scope.
 */
function takesDeskContacts(desk: ServicePoint): boolean {
  return desk.kind === ServicePointKind.SOCIAL_DESK || (desk.kind === ServicePointKind.JOB_CENTRE_DESK && desk.neighbourhood != null);
}

/**
 * The sportello sociale's contacts: registration on consent, referral through the
 * referral state machine, withdrawal of consent. Every check comes before any write, and
 * each change writes its history entry (who, when, why, purpose) in the same transaction.
 */
export class DeskContactService {
  constructor(private readonly ctx: ReferralsContext) {}

  async register(input: RegisterDeskContactInput): Promise<DeskContact> {
    const now = new Date();
    const problems: InputProblem[] = [];
    const desk = await this.ctx.loaders.servicePointByCode.load(input.deskCode);
    if (!desk) problems.push({ path: 'input.deskCode', message: 'no service point has this code' });
    else if (!takesDeskContacts(desk)) problems.push({ path: 'input.deskCode', message: 'must be a sportello sociale (SOCIAL_DESK) or a job-centre desk in a public-housing neighbourhood' });
    if (!input.consent) problems.push({ path: 'input.consent', message: 'the person\'s recorded consent is required (legal basis: consent)' });
    else if (input.consent.givenAt > now) problems.push({ path: 'input.consent.givenAt', message: 'must not be in the future' });
    if (input.contactedAt && input.contactedAt > now) problems.push({ path: 'input.contactedAt', message: 'must not be in the future' });
    if (input.workerId != null && !isUuid(input.workerId)) problems.push({ path: 'input.workerId', message: 'must be a worker id (a UUID)' });
    if (input.workerId != null && input.fiscalCode == null) problems.push({ path: 'input.fiscalCode', message: 'is required with a worker id' });
    if (!this.ctx.caller?.organisation) problems.push({ path: 'input', message: 'the caller\'s token names no organisation' });
    if (problems.length || !desk || !input.consent) throw badUserInput(problems);

    const contact = this.ctx.em.create(DeskContact, {
      desk,
      organisation: this.ctx.caller!.organisation,
      fiscalCode: input.fiscalCode ?? null,
      workerId: input.workerId ?? null,
      userType: input.userType,
      need: input.need,
      outcome: input.outcome,
      contactedAt: input.contactedAt ?? now,
      consentGivenAt: input.consent.givenAt,
      consentRecordedAs: input.consent.recordedAs,
      consentWithdrawnAt: null,
      recordedBy: this.ctx.caller!.subject,
      createdAt: now,
    });
    this.record(contact, 1, DeskContactAction.REGISTERED, now, `consent ${input.consent.recordedAs}`);
    await this.ctx.em.flush();
    return contact;
  }

  /**
   * Writes a referral from the contact's desk, on CONSENT, through ReferralService (its
   * rules and state machine: it is SENT at once), and the REFERRED entry, in one transaction.
   */
  async refer(input: ReferFromDeskContactInput): Promise<Referral> {
    const { contact, history } = await this.load(input.id);
    if (contact.consentWithdrawnAt) throw conflict('The desk contact cannot be referred: the person withdrew consent', { consentWithdrawnAt: contact.consentWithdrawnAt });
    const problems: InputProblem[] = [];
    if (!contact.fiscalCode || !contact.workerId) {
      problems.push({ path: 'input.id', message: 'the contact is anonymous: a referral needs the person\'s fiscal code and worker id' });
    }
    const to = await this.ctx.loaders.servicePointByCode.load(input.toCode);
    const reason = to ? DESK_REFERRAL_REASONS[to.kind] : undefined;
    if (to && !reason) problems.push({ path: 'input.toCode', message: `a desk refers to ${Object.keys(DESK_REFERRAL_REASONS).join(', ')} only` });
    if (!input.motivation.trim()) problems.push({ path: 'input.motivation', message: 'must not be empty' });
    if (problems.length) throw badUserInput(problems);

    return this.inTransaction(async () => {
      const referral = await new ReferralService(this.ctx).create({
        fromCode: contact.desk.code,
        toCode: input.toCode,
        workerId: contact.workerId!,
        fiscalCode: contact.fiscalCode!,
        reason: reason ?? ReferralReason.ORIENTATION,
        motivation: input.motivation,
        legalBasis: ReferralLegalBasis.CONSENT,
        send: true,
      });
      this.record(contact, nextSequence(history), DeskContactAction.REFERRED, new Date(), `referred to ${input.toCode}`, referral.id);
      await this.ctx.em.flush();
      return referral;
    });
  }

  /**
   * The person withdraws consent: the identity (fiscal code, worker id) is erased, the coded
   * fields stay as an anonymous record, and every referral made from the contact that is
   * still SENT or ACCEPTED is WITHDRAWN by the sender's transition. Referrals already past
   * that point (appointment set, taken in charge) or final are the receiving service's
   * records and stay as they are. A second withdrawal is a CONFLICT.
   */
  async withdrawConsent(id: string): Promise<DeskContact> {
    const { contact, history } = await this.load(id);
    if (contact.consentWithdrawnAt) throw conflict('The consent of the desk contact is already withdrawn', { consentWithdrawnAt: contact.consentWithdrawnAt });
    const referralIds = history.flatMap((event) => (event.referralId ? [event.referralId] : []));
    const referrals = (await this.ctx.loaders.referralById.loadMany(referralIds)).filter((r): r is Referral => r != null && !(r instanceof Error));
    return this.inTransaction(async () => {
      const service = new ReferralService(this.ctx);
      for (const referral of referrals) {
        if (WITHDRAWABLE.includes(referral.state)) await service.withdraw(referral.id, CONSENT_WITHDRAWN_NOTE);
      }
      const now = new Date();
      contact.fiscalCode = null;
      contact.workerId = null;
      contact.consentWithdrawnAt = now;
      this.record(contact, nextSequence(history), DeskContactAction.CONSENT_WITHDRAWN, now, CONSENT_WITHDRAWN_NOTE);
      await this.ctx.em.flush();
      return contact;
    });
  }

  /** The contact through the caller's row scope: one outside it is NOT_FOUND, like an unknown id. */
  private async load(id: string): Promise<{ contact: DeskContact; history: DeskContactEvent[] }> {
    const contact = await this.ctx.loaders.deskContactById.load(id);
    if (!contact) throw notFound('The desk contact');
    return { contact, history: await this.ctx.loaders.eventsByDeskContact.load(contact.id) };
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return inRequestTransaction(this.ctx.em, work, { finally: () => this.ctx.loaders.eventsByDeskContact.clearAll() });
  }

  private record(contact: DeskContact, sequence: number, action: DeskContactAction, at: Date, note: string, referralId: string | null = null): void {
    const caller = this.ctx.caller!;
    this.ctx.em.create(DeskContactEvent, {
      contact,
      sequence,
      action,
      at,
      recordedBy: caller.subject,
      organisation: caller.organisation,
      purpose: caller.purpose,
      note,
      referralId,
    });
  }
}

function nextSequence(history: DeskContactEvent[]): number {
  return (history[history.length - 1]?.sequence ?? 0) + 1;
}
