import { Field, Float, ID, InputType } from 'type-graphql';
import { ContractTypeCodeScalar, DateScalar, FiscalCodeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { MandatoryNoticeCodeScalar, MandatoryNoticeType, ResidencePermitType, WorkingTime } from './notice.codes';

const INHERITED = 'For notices after the hire, leaving it out keeps the value of the latest notice of the relationship.';

/**
 * A UniLav-style filing. A HIRE carries the whole relationship; the later notices name the
 * relationship and carry what changes. A field left out of a later notice keeps its
 * current value, except that changing the contract type resets the end date and the end
 * of the training period, and changing the working time resets the weekly hours.
 */
@InputType({ description: 'A mandatory notice to file (comunicazione obbligatoria UniLav).' })
export class FileMandatoryNoticeInput {
  @Field(() => MandatoryNoticeType, { description: 'Event notified.' })
  type!: MandatoryNoticeType;

  @Field(() => MandatoryNoticeCodeScalar, { nullable: true, description: 'Communication code, when the sender already has one; otherwise the system assigns one.' })
  code?: string | null;

  @Field(() => ID, { nullable: true, description: 'The relationship the notice is about; required for every type but HIRE, which creates one.' })
  relationshipId?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the employer; required for a HIRE, must match the relationship otherwise.' })
  employerFiscalCode?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the worker; required for a HIRE, must match the relationship otherwise.' })
  workerFiscalCode?: string | null;

  @Field(() => String, { nullable: true, description: `Citizenship of the worker (cittadinanza), three-digit CO code, 000 Italian; required for a HIRE. ${INHERITED}` })
  workerCitizenship?: string | null;

  @Field(() => IstatMunicipalityCodeScalar, {
    nullable: true,
    description: `Municipality of domicile of the worker (comune di domicilio), ISTAT code: the job centre competent for it receives the notice. ${INHERITED}`,
  })
  workerDomicileMunicipality?: string | null;

  @Field(() => ID, { nullable: true, description: `Work site (sede di lavoro) of the employer; required for a TRANSFER. ${INHERITED}` })
  workSiteId?: string | null;

  @Field(() => ContractTypeCodeScalar, { nullable: true, description: `Contract type (tipologia contrattuale), valid on the start date; required for a HIRE. ${INHERITED}` })
  contractType?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Start date (data inizio); required for a HIRE, must match the relationship otherwise.' })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: `Planned end date (data fine): required for fixed-term and seasonal forms; for an EXTENSION, the new end. ${INHERITED}` })
  endDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the event (data evento); a HIRE takes the start date, every other type requires it.' })
  eventDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: `End of the training period (data fine periodo formativo); required for apprenticeships. ${INHERITED}` })
  trainingEndDate?: string | null;

  @Field(() => WorkingTime, { nullable: true, description: `Working time (tipo orario); required for a HIRE. ${INHERITED}` })
  workingTime?: WorkingTime | null;

  @Field(() => Float, { nullable: true, description: `Average weekly hours, more than 0 and at most 40: required for part-time, not allowed for full time. ${INHERITED}` })
  weeklyHours?: number | null;

  @Field(() => String, { nullable: true, description: `CCNL applied, ministerial CO code (e.g. 068) or CNEL code (e.g. F012); required for a HIRE. ${INHERITED}` })
  ccnl?: string | null;

  @Field(() => String, { nullable: true, description: `ISTAT job title (qualifica), CP2011 with ministerial suffix; required for a HIRE. ${INHERITED}` })
  qualification?: string | null;

  @Field(() => Boolean, { nullable: true, description: `Seasonal work (lavoro stagionale); false when left out of a HIRE. ${INHERITED}` })
  seasonal?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Transformation code (DI, AI, FF, FI, II, PV, PP, TP, DP, DL, TL); required for a TRANSFORMATION and only there.' })
  transformationCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Cause of termination (causa cessazione), ministerial code; required for a TERMINATION and only there.' })
  terminationCause?: string | null;

  @Field(() => ResidencePermitType, { nullable: true, description: `Residence title; required for a non-EU worker. ${INHERITED}` })
  residencePermitType?: ResidencePermitType | null;

  @Field(() => DateScalar, { nullable: true, description: `Expiry of the residence title; required for a non-EU worker. ${INHERITED}` })
  residencePermitExpiry?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the consultant or delegate filing for the employer (soggetto abilitato); left out when the employer files itself.' })
  filedBy?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Also notify the Cassa Edile the employer is registered with (integrated mode). Construction employers registered with one always notify it.',
  })
  notifyCassaEdile?: boolean | null;
}

const KEPT = 'Left out, the value of the notice corrected is kept.';

/**
 * A rectification (rettifica) of the last validated notice of a relationship: the same
 * event with corrected data. The employer, the worker and the start date cannot change
 * (domain.md §3.6 rule 6); anything left out keeps the value of the notice corrected.
 */
@InputType({ description: 'Corrected data for a mandatory notice (rettifica). Employer, worker and start date cannot change.' })
export class RectifyMandatoryNoticeInput {
  @Field(() => ID, { description: 'The notice to correct: the last validated notice of its relationship.' })
  noticeId!: string;

  @Field(() => MandatoryNoticeCodeScalar, { nullable: true, description: 'Communication code of the rectification, when the sender already has one; otherwise the system assigns one.' })
  code?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the employer: may be repeated, not changed.' })
  employerFiscalCode?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the worker: may be repeated, not changed.' })
  workerFiscalCode?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Start date: may be repeated, not changed.' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: `Citizenship of the worker, three-digit CO code. ${KEPT}` })
  workerCitizenship?: string | null;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: `Municipality of domicile of the worker, ISTAT code. ${KEPT}` })
  workerDomicileMunicipality?: string | null;

  @Field(() => ID, { nullable: true, description: `Work site of the employer. ${KEPT}` })
  workSiteId?: string | null;

  @Field(() => ContractTypeCodeScalar, { nullable: true, description: `Contract type, valid on the start date. ${KEPT}` })
  contractType?: string | null;

  @Field(() => DateScalar, { nullable: true, description: `Planned end date. ${KEPT}` })
  endDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: `Date of the event (for a HIRE, its start date). ${KEPT}` })
  eventDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: `End of the training period. ${KEPT}` })
  trainingEndDate?: string | null;

  @Field(() => WorkingTime, { nullable: true, description: `Working time. ${KEPT}` })
  workingTime?: WorkingTime | null;

  @Field(() => Float, { nullable: true, description: `Average weekly hours (part-time only). ${KEPT}` })
  weeklyHours?: number | null;

  @Field(() => String, { nullable: true, description: `CCNL applied. ${KEPT}` })
  ccnl?: string | null;

  @Field(() => String, { nullable: true, description: `ISTAT job title (qualifica). ${KEPT}` })
  qualification?: string | null;

  @Field(() => Boolean, { nullable: true, description: `Seasonal work. ${KEPT}` })
  seasonal?: boolean | null;

  @Field(() => String, { nullable: true, description: `Transformation code (TRANSFORMATION only). ${KEPT}` })
  transformationCode?: string | null;

  @Field(() => String, { nullable: true, description: `Cause of termination (TERMINATION only). ${KEPT}` })
  terminationCause?: string | null;

  @Field(() => ResidencePermitType, { nullable: true, description: `Residence title of a non-EU worker. ${KEPT}` })
  residencePermitType?: ResidencePermitType | null;

  @Field(() => DateScalar, { nullable: true, description: `Expiry of the residence title. ${KEPT}` })
  residencePermitExpiry?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the consultant or delegate filing the rectification; left out when the employer files itself.' })
  filedBy?: string | null;
}

/** An annulment (annullamento) of the last validated notice of a relationship. */
@InputType({ description: 'A mandatory notice to withdraw (annullamento).' })
export class AnnulMandatoryNoticeInput {
  @Field(() => ID, { description: 'The notice to annul: the last validated notice of its relationship.' })
  noticeId!: string;

  @Field(() => MandatoryNoticeCodeScalar, { nullable: true, description: 'Communication code of the annulment, when the sender already has one; otherwise the system assigns one.' })
  code?: string | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the consultant or delegate filing the annulment; left out when the employer files itself.' })
  filedBy?: string | null;
}
