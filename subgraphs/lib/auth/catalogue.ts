// Type-only imports: identity.ts imports this file to describe its enums, so a value
// import back would be a require cycle that leaves the enums undefined at load time.
import type { Purpose, Role } from '../identity';

/** A role code as a string literal (the values of the `Role` enum). */
export type RoleCode = `${Role}`;
/** A purpose code as a string literal (the values of the `Purpose` enum). */
export type PurposeCode = `${Purpose}`;

/** One role of the catalogue in architecture.md §4. */
export interface RoleEntry {
  /** Who holds the role, with the Italian term. */
  readonly who: string;
  /** What the role may see (the row scopes and field sets are decided by the access policy). */
  readonly sees: string;
}

/**
 * Where a retention period comes from: a source agreement or law (`established`), or our
 * own reasoned choice that the data protection officer must confirm (`proposal`).
 */
export type RetentionStatus = 'established' | 'proposal';

/** One purpose of the catalogue in architecture.md §4. */
export interface PurposeEntry {
  /** Short name, with the Italian term. */
  readonly title: string;
  /** Legal ground, as written in the catalogue table of architecture.md §4. */
  readonly legalGround: string;
  /** How long data received or processed for this purpose may be kept, in plain words. */
  readonly retention: string;
  readonly retentionStatus: RetentionStatus;
  /** Roles that normally declare this purpose (the access policy decides; this is documentation). */
  readonly typicalRoles: readonly RoleCode[];
}

/** The roles of architecture.md §4: who holds each and what it sees. */
export const ROLE_CATALOGUE: Readonly<Record<Role, RoleEntry>> = {
  CPI_OPERATOR: {
    who: "Job-centre operator (operatore del Centro per l'impiego, CPI), including decentralised desks in public-housing neighbourhoods (sportelli nei quartieri ERP)",
    sees: 'workers of their territory: record, DID, pacts, referrals, employment history',
  },
  SOCIAL_WORKER: {
    who: 'Municipal social services case manager (assistente sociale, servizi sociali del Comune)',
    sees: 'households and people of their municipality: inclusion pacts, referrals, DID/pact status only; for STATISTICS, the suppressed counts of the sportelli sociali of their municipality',
  },
  SOCIAL_DESK_OPERATOR: {
    who: 'Operator of a union-run social desk (sportello sociale)',
    sees: "contacts and referrals it created, with the person's consent; no pacts, no employment data",
  },
  CASSA_EDILE: {
    who: "Construction workers' fund integrator (Cassa Edile)",
    sees: "construction-sector employers (ATECO section F or a construction CCNL) and their workers' employment data; training records it supplied",
  },
  EMPLOYER: {
    who: 'Employer or delegated labour consultant (datore di lavoro o consulente del lavoro delegato, L. 12/1979)',
    sees: "its own notices and its own employees' relationships",
  },
  MINISTRY_ANALYST: {
    who: 'Monitoring analyst of the Ministry of Labour (Ministero del Lavoro e delle Politiche Sociali, MLPS)',
    sees: 'aggregates that pass disclosure control, pseudonymised microdata; never a name or a fiscal code',
  },
  REGION_ANALYST: {
    who: 'Monitoring analyst of the Region (Regione)',
    sees: 'aggregates that pass disclosure control, pseudonymised microdata; never a name or a fiscal code',
  },
  CITIZEN: {
    who: 'The person themselves (interessato), identified with SPID or CIE',
    sees: 'their own data and who accessed it',
  },
  DATA_PROTECTION_OFFICER: {
    who: 'Data protection officer of a data controller (Responsabile della protezione dei dati, RPD)',
    sees: 'the audit trail, rights requests',
  },
  PLATFORM_ADMIN: {
    who: 'Operator of the platform (amministratore di sistema)',
    sees: 'partner organisations, credentials and their suspension; no personal data',
  },
};

/**
 * The purposes of architecture.md §4 with their legal ground and retention period.
 * Retention sources: the Cassa Edile convention art. 3 (delete once the checks are done,
 * 24 months at most; privacy.md §3.3 reads the cap as running from receipt), the Cremona
 * SINTESI notice (as long as the purpose needs, then the public-records archiving duty),
 * the sportello sociale protocol art. 5 (no longer than the purpose needs) and the Garante
 * rule of 27 Nov 2008 (administrators' access logs at least six months). Entries marked
 * `proposal` fill a gap those sources leave; each says why next to it.
 */
export const PURPOSE_CATALOGUE: Readonly<Record<Purpose, PurposeEntry>> = {
  EMPLOYMENT_SERVICES: {
    title: 'Employment services (servizi per il lavoro: DID, patto di servizio personalizzato, politiche attive)',
    legalGround: 'D.Lgs. 150/2015 arts. 18-21 (DID, PSP, active policies)',
    // Cremona SINTESI notice, "Periodo di conservazione".
    retention:
      "as long as the person's record, DID or pact needs it, then kept under the public administration's legal archiving duty",
    retentionStatus: 'established',
    typicalRoles: ['CPI_OPERATOR'],
  },
  SOCIAL_INCLUSION: {
    title: 'Social inclusion (patto per l\'inclusione sociale, Assegno di inclusione)',
    legalGround: 'DL 4/2019, DL 48/2023 (inclusion pacts, ADI)',
    // Proposal: the sources give no period; mirror EMPLOYMENT_SERVICES, since inclusion
    // pacts are public-administration case files like the CPI's service pacts.
    retention:
      'as long as the inclusion pact or the benefit it belongs to is open, then kept under the municipality\'s legal archiving duty',
    retentionStatus: 'proposal',
    typicalRoles: ['SOCIAL_WORKER'],
  },
  REFERRAL: {
    title: 'Referral between services (invio / segnalazione tra servizi)',
    legalGround: 'DM 108/2019 art. 6; local protocols (sportello sociale, ALER desks)',
    // Proposal: the sportello protocol (art. 5) only says "no longer than needed"; 12 months
    // after the referral closes leaves time for the follow-up contact and for complaints.
    retention: 'until the referral is closed, then 12 months at most',
    retentionStatus: 'proposal',
    typicalRoles: ['CPI_OPERATOR', 'SOCIAL_WORKER', 'SOCIAL_DESK_OPERATOR'],
  },
  MANDATORY_NOTICE: {
    title: 'Mandatory notices of employment (comunicazioni obbligatorie, CO)',
    legalGround: 'D.Lgs. 181/2000 art. 4-bis',
    // Proposal: notices are public records of the employment history; the employer reading
    // its own notices back gains nothing it did not already have to keep by labour law.
    retention: "part of the worker's employment history, kept under the public administration's legal archiving duty",
    retentionStatus: 'proposal',
    typicalRoles: ['EMPLOYER'],
  },
  CASSA_EDILE_NOTIFICATION: {
    title: 'Notifications to the Cassa Edile (comunicazioni alla Cassa Edile, modalità integrata)',
    legalGround: 'convention art. 2, integrated mode',
    // Cassa Edile convention art. 3 applies to every datum the fund receives.
    retention: 'deleted once used, and 24 months at most after receipt',
    retentionStatus: 'established',
    typicalRoles: ['CASSA_EDILE'],
  },
  REGULARITY_CHECK: {
    title: 'Contribution regularity checks (verifiche di regolarità contributiva)',
    legalGround:
      'convention arts. 1 and 3 (verification; received data deleted once the checks are done, within 24 months at most)',
    // Cassa Edile convention art. 3; privacy.md §3.3 (cap from receipt, to verify).
    retention: '24 months at most after receipt, deleted when the checks are done',
    retentionStatus: 'established',
    typicalRoles: ['CASSA_EDILE'],
  },
  TRAINING_RECORD: {
    title: 'Training records into the professional record (formazione nella scheda professionale)',
    legalGround: 'convention art. 1-2 (courses into the professional record)',
    // Convention art. 3 for what the fund receives; a course once written into the
    // professional record is the CPI's data and follows EMPLOYMENT_SERVICES.
    retention:
      "data the fund receives: deleted once used, 24 months at most after receipt; courses written into the professional record are kept with that record",
    retentionStatus: 'established',
    typicalRoles: ['CASSA_EDILE'],
  },
  STATISTICS: {
    title: 'Monitoring and statistics (monitoraggio e statistica, SISTAN)',
    legalGround: 'RdC interoperability plan §2, SISTAN rules',
    // Proposal: aggregates that pass disclosure control are not personal data; for the
    // pseudonymised microdata we align on the longest cap the sources set (24 months).
    retention:
      'aggregates: no limit; pseudonymised microdata: deleted when the analysis it was released for ends, 24 months at most after release',
    retentionStatus: 'proposal',
    typicalRoles: ['MINISTRY_ANALYST', 'REGION_ANALYST', 'SOCIAL_WORKER'],
  },
  SELF_SERVICE: {
    title: "The person's own data (diritti dell'interessato: accesso, rettifica, portabilità)",
    legalGround: 'GDPR arts. 15-20',
    // Proposal: the platform keeps nothing for this purpose beyond the audit record.
    retention: 'nothing is kept for this purpose beyond the audit record of the access',
    retentionStatus: 'proposal',
    typicalRoles: ['CITIZEN'],
  },
  SUPERVISION: {
    title: 'Supervision of processing (controllo del Responsabile della protezione dei dati)',
    legalGround: 'GDPR art. 39, Garante 2008 admin-log rule',
    // The Garante sets at least six months; 24 months is our proposal so that a person can
    // see every access to data that may itself be kept up to 24 months.
    retention: 'audit records: 24 months (at least six months by the Garante rule of 27 November 2008)',
    retentionStatus: 'proposal',
    typicalRoles: ['DATA_PROTECTION_OFFICER'],
  },
  ADMINISTRATION: {
    title: 'Credential management (gestione delle credenziali)',
    legalGround: 'GDPR art. 32 (credential management)',
    // Proposal: credentials live as long as the partner agreement; their suspension and
    // reinstatement events are audit records and follow SUPERVISION.
    retention:
      'while the partner agreement is in force; suspension and reinstatement events are kept with the audit trail',
    retentionStatus: 'proposal',
    typicalRoles: ['PLATFORM_ADMIN'],
  },
};

/** The schema description of one role: who holds it and what it sees. */
export function roleDescription(role: RoleCode): string {
  const entry = ROLE_CATALOGUE[role as Role];
  return `${entry.who}. Sees: ${entry.sees}.`;
}

/** The schema description of one purpose: legal ground, retention and typical roles. */
export function purposeDescription(purpose: PurposeCode): string {
  const entry = PURPOSE_CATALOGUE[purpose as Purpose];
  return `${entry.title}. Legal ground: ${entry.legalGround}. Retention: ${entry.retention}. Typical roles: ${entry.typicalRoles.join(', ')}.`;
}
