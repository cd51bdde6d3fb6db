import { registerEnumType } from 'type-graphql';
import { purposeDescription, roleDescription } from './auth/catalogue';

/** Roles of the catalogue in architecture.md §4. One per credential. */
export enum Role {
  CPI_OPERATOR = 'CPI_OPERATOR',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  SOCIAL_DESK_OPERATOR = 'SOCIAL_DESK_OPERATOR',
  CASSA_EDILE = 'CASSA_EDILE',
  EMPLOYER = 'EMPLOYER',
  MINISTRY_ANALYST = 'MINISTRY_ANALYST',
  REGION_ANALYST = 'REGION_ANALYST',
  CITIZEN = 'CITIZEN',
  DATA_PROTECTION_OFFICER = 'DATA_PROTECTION_OFFICER',
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
}

/** Purposes of the catalogue in architecture.md §4. A request declares exactly one. */
export enum Purpose {
  EMPLOYMENT_SERVICES = 'EMPLOYMENT_SERVICES',
  SOCIAL_INCLUSION = 'SOCIAL_INCLUSION',
  REFERRAL = 'REFERRAL',
  MANDATORY_NOTICE = 'MANDATORY_NOTICE',
  CASSA_EDILE_NOTIFICATION = 'CASSA_EDILE_NOTIFICATION',
  REGULARITY_CHECK = 'REGULARITY_CHECK',
  TRAINING_RECORD = 'TRAINING_RECORD',
  STATISTICS = 'STATISTICS',
  SELF_SERVICE = 'SELF_SERVICE',
  SUPERVISION = 'SUPERVISION',
  ADMINISTRATION = 'ADMINISTRATION',
}

/**
 * The verified caller of one request: who (subject, organisation), in which role, for
 * which declared purpose, and the scopes the credential carries. Built once per request
 * from a verified token; resolvers and policy rules read it, never raw headers.
 */
export interface Caller {
  /** Operator id, or a citizen's fiscal code (token `sub`). */
  subject: string;
  /** Calling organisation (token `org`, or PDND `client_id`). */
  organisation: string;
  role: Role;
  /** The one purpose declared for this request (`X-Purpose` or the voucher's `purposeId`). */
  purpose: Purpose;
  /** Purposes the credential may declare. */
  purposes: readonly Purpose[];
  /** ISTAT province (3 digits) or municipality (6 digits) codes the operator serves. */
  territory: readonly string[];
  /** Employer fiscal codes an employer or labour consultant acts for. */
  employers: readonly string[];
  /** Token id (`jti`), for the audit trail. */
  tokenId?: string;
  /** AgID `Agid-JWT-TrackingEvidence`, when a machine client names its end user. */
  trackingEvidence?: string;
}

// Value descriptions come from the catalogue (auth/catalogue.ts), so the schema
// documentation carries each role's scope and each purpose's legal ground and retention.
registerEnumType(Role, {
  name: 'Role',
  description: 'Role of a credential (architecture.md §4).',
  valuesConfig: Object.fromEntries(Object.values(Role).map((role) => [role, { description: roleDescription(role) }])),
});
registerEnumType(Purpose, {
  name: 'Purpose',
  description: 'Declared purpose of a request (finalità del trattamento).',
  valuesConfig: Object.fromEntries(Object.values(Purpose).map((purpose) => [purpose, { description: purposeDescription(purpose) }])),
});
