/**
 * The synthetic demo data set, as plain objects shared by every subgraph's seeder.
 * One generator (dataset.ts) builds it deterministically; each subgraph stores the part
 * it owns, so the four databases agree with each other (same ids, same fiscal codes).
 * Dates are ISO `YYYY-MM-DD`; timestamps ISO 8601 strings.
 */

export type SexCode = 'MALE' | 'FEMALE';

export interface DatasetWorker {
  id: string;
  fiscalCode: string;
  /** True for a provisional 11-digit code. */
  provisionalFiscalCode: boolean;
  firstName: string;
  lastName: string;
  sex: SexCode;
  birthDate: string;
  /** Belfiore code of the birth municipality, or Z### for a foreign state. */
  birthPlace: string;
  /** Ministerial CO citizenship code; '000' Italian. */
  citizenship: string;
  /** ISTAT municipality code of domicile. */
  domicileMunicipality: string;
  /** ISTAT province code (3 digits). */
  domicileProvince: string;
  education: { level: string; title: string; year: number | null }[];
  declaredExperience: { employerName: string; employerFiscalCode: string | null; jobTitle: string; startDate: string; endDate: string | null }[];
  training: { title: string; provider: string; hours: number; completedOn: string; source: 'SELF_DECLARED' | 'JOB_CENTRE' | 'REGION' | 'CASSA_EDILE'; externalId: string | null }[];
  /** Contacts (recapiti, fictional: example.org, patterned numbers); null when none is recorded. */
  contacts: DatasetContacts | null;
}

/** Who supplied a contact (ContactSource of the workers subgraph). */
export type DatasetContactSource = 'SELF_DECLARED' | 'JOB_CENTRE' | 'SOCIAL_SERVICES' | 'REGION';

/** One contact with its source and when it was recorded (ISO 8601 timestamp). */
export interface DatasetContactPoint {
  value: string;
  source: DatasetContactSource;
  updatedAt: string;
}

/** A worker's contacts; each part null when not recorded. Phones as +39 and digits. */
export interface DatasetContacts {
  phone: DatasetContactPoint | null;
  mobilePhone: DatasetContactPoint | null;
  email: DatasetContactPoint | null;
  pec: DatasetContactPoint | null;
  /** Street address of the domicile (the municipality is the worker's domicile). */
  address: { street: string; streetNumber: string; postcode: string; source: DatasetContactSource; updatedAt: string } | null;
}

export interface DatasetDidChange {
  fromStatus: string | null;
  toStatus: string;
  effectiveOn: string;
  reason: string;
}

export interface DatasetDid {
  id: string;
  workerId: string;
  declaredOn: string;
  channel: string;
  status: string;
  statusDate: string;
  jobCentreCode: string;
  history: DatasetDidChange[];
}

export type ServicePointKind = 'JOB_CENTRE' | 'JOB_CENTRE_DESK' | 'SOCIAL_SERVICES' | 'SOCIAL_DESK' | 'CASSA_EDILE' | 'PATRONATO';

export interface DatasetServicePoint {
  code: string;
  kind: ServicePointKind;
  name: string;
  /** ISTAT municipality code. */
  municipality: string;
  province: string;
  address: string;
  /** Operator of the point (AFOL Metropolitana, a municipality, a union...). */
  manager: string;
  /** Desk in a public-housing (ERP / ALER) neighbourhood. */
  publicHousingNeighbourhood: boolean;
  /** Name of that neighbourhood (synthetic demo names of Milan ALER areas); absent for other points. */
  neighbourhood?: string | null;
  /** The job centre a decentralised desk belongs to. */
  parentCode: string | null;
}

export interface DatasetWorkSite {
  id: string;
  municipality: string;
  address: string;
}

export interface DatasetEmployer {
  fiscalCode: string;
  name: string;
  /** ATECO 2007 code, e.g. 41.20.00. */
  ateco: string;
  publicAdministration: boolean;
  legalSeatMunicipality: string;
  legalSeatAddress: string;
  /** Ministerial CCNL code usually applied. */
  ccnl: string;
  /** Cassa Edile the firm is registered with (construction only), e.g. 'MI00'. */
  cassaEdileCode: string | null;
  sites: DatasetWorkSite[];
}

export type NoticeType = 'HIRE' | 'EXTENSION' | 'TRANSFORMATION' | 'TERMINATION' | 'TRANSFER';

export interface DatasetNotice {
  id: string;
  /** 16-digit communication code. */
  code: string;
  type: NoticeType;
  relationshipId: string;
  employerFiscalCode: string;
  workerFiscalCode: string;
  workerId: string;
  workSiteId: string | null;
  contractType: string;
  startDate: string;
  /** Planned end for fixed-term forms (after an extension, the new end). */
  endDate: string | null;
  /** Date of the event notified (start for a hire, the event for the others). */
  eventDate: string;
  trainingEndDate: string | null;
  /** F, P, V, M or N. */
  workingTime: string;
  weeklyHours: number | null;
  ccnl: string;
  /** ISTAT job title (CP2011 + ministerial digit). */
  qualification: string;
  seasonal: boolean;
  transformationCode: string | null;
  terminationCause: string | null;
  /** Non-EU workers: residence permit type (1-7) and expiry. */
  residencePermitType: string | null;
  residencePermitExpiry: string | null;
  filedAt: string;
}

export interface DatasetHouseholdMember {
  workerId: string;
  fiscalCode: string;
  /** APPLICANT, SPOUSE, CHILD, PARENT, OTHER. */
  relation: string;
}

export interface DatasetHousehold {
  id: string;
  /** ISTAT municipality code of residence. */
  municipality: string;
  members: DatasetHouseholdMember[];
}

export interface DatasetServicePact {
  id: string;
  workerId: string;
  fiscalCode: string;
  didId: string | null;
  jobCentreCode: string;
  /** ORDINARY, GOL, YOUTH_GUARANTEE, ADI, SFL. */
  programme: string;
  /** GOL pathway 1-5 as JOB_REINTEGRATION, UPSKILLING, RESKILLING, WORK_AND_INCLUSION, COLLECTIVE_REALLOCATION. */
  golPathway: string | null;
  /** PROPOSED, SIGNED, IN_PROGRESS, COMPLETED, INTERRUPTED, LAPSED, CANCELLED. */
  state: string;
  proposedOn: string;
  signedOn: string | null;
  endedOn: string | null;
  stateDate: string;
}

export interface DatasetInclusionPact {
  id: string;
  householdId: string;
  /** Municipality (social services) in charge. */
  municipality: string;
  socialServicesCode: string;
  /** TO_CONVENE, PRELIMINARY_ANALYSIS, ANALYSIS_FRAMEWORK, SIGNED, MONITORING, COMPLETED, LAPSED. */
  state: string;
  /** Date of the digital activation pact (PAD), start of the legal timers. */
  padSignedOn: string;
  signedOn: string | null;
  stateDate: string;
}

export interface DatasetReferralEvent {
  fromState: string | null;
  toState: string;
  at: string;
  note: string | null;
}

export interface DatasetReferral {
  id: string;
  workerId: string;
  fiscalCode: string;
  fromCode: string;
  toCode: string;
  /** Coded reason: WORK_ACTIVATION, SOCIAL_NEEDS, CONSTRUCTION_SECTOR, BENEFIT_APPLICATION, ORIENTATION. */
  reason: string;
  /** Written motivation; required from a job centre to social services. */
  motivation: string | null;
  /** LEGAL_OBLIGATION or CONSENT. */
  legalBasis: string;
  /** DRAFT, SENT, ACCEPTED, REJECTED, EXPIRED, APPOINTMENT_SET, TAKEN_IN_CHARGE, CLOSED, WITHDRAWN. */
  state: string;
  createdAt: string;
  history: DatasetReferralEvent[];
}

/** A contact at a sportello sociale or a job-centre desk in a public-housing neighbourhood, on consent (seeds 003, 004). */
export interface DatasetDeskContact {
  id: string;
  deskCode: string;
  /** The organisation that registered it: the row scope of the desk's operators. */
  organisation: string;
  /** The person, when they gave their fiscal code; null when anonymous or after a withdrawal of consent. */
  fiscalCode: string | null;
  workerId: string | null;
  userType: string;
  need: string;
  outcome: string;
  /** When the person came to the desk and gave consent (the same moment). */
  contactedAt: string;
  consentRecordedAs: string;
  consentWithdrawnAt: string | null;
}

/** A do-not-convene decision in force for a member of a household with an open inclusion pact (plan §1.4). */
export interface DatasetConvocationExclusion {
  id: string;
  householdId: string;
  workerId: string;
  fiscalCode: string;
  /** A ConvocationExclusionReason code. */
  reason: string;
  since: string;
}

export interface Dataset {
  workers: DatasetWorker[];
  dids: DatasetDid[];
  servicePoints: DatasetServicePoint[];
  employers: DatasetEmployer[];
  notices: DatasetNotice[];
  households: DatasetHousehold[];
  servicePacts: DatasetServicePact[];
  inclusionPacts: DatasetInclusionPact[];
  referrals: DatasetReferral[];
  deskContacts: DatasetDeskContact[];
  convocationExclusions: DatasetConvocationExclusion[];
}
