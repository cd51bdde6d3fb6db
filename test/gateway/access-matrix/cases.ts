/**
 * The hand-written key cases: what each role may and may not read, stated literally
 * (not computed from the policy), so that a wrong policy fails here even where the
 * generated cases, which trust it, would pass. Each case names its role, declared purpose
 * and token scopes, an operation with variables taken from subjects found in the data
 * set, and per field path one expectation:
 *
 * - `{ is: v }`: released, equal to the data-set value `v`;
 * - `'FORBIDDEN'`: null, with a FORBIDDEN error at exactly that path;
 * - `'ABSENT'`: null and no error: no such row for the caller (out of its scope, or a
 *   subgraph that keeps no row of the type for the role);
 * - `'RELEASED'`: present (not null) and no error at the path;
 * - `{ ids }`: a released list whose elements' `id` (or `key`) are exactly these (and, with
 *   `each`, each element passes that literal check);
 * - `{ every, is }`: a released, non-empty list whose elements all have `is` at `every`.
 *
 * Any error of the answer that no FORBIDDEN expectation names fails the case.
 */
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { type TokenExtras } from './harness';
import { type Subjects } from './subjects';
import { CPI_PROVINCE, isConstruction, type World } from './world';

export type Expectation =
  | 'FORBIDDEN'
  | 'ABSENT'
  | 'RELEASED'
  | { is: unknown }
  | { ids: readonly string[]; key?: string; each?: (item: unknown) => string | undefined }
  | { every: string; is: unknown };

export interface KeyCase {
  name: string;
  role: Role;
  purpose: Purpose;
  token: TokenExtras;
  query: string;
  variables?: Record<string, unknown>;
  expect: Record<string, Expectation>;
}

export function keyCases(world: World, s: Subjects): KeyCase[] {
  const { ix, data } = world;
  const CPI: TokenExtras = { territory: [CPI_PROVINCE] };
  const SW: TokenExtras = { territory: [world.socialMunicipality] };
  const DESK: TokenExtras = { organisation: world.socialDesk };
  const CASSA: TokenExtras = { organisation: 'CE-015-MILANO' };
  const OWN: TokenExtras = { employers: [s.ownEmployer.fiscalCode] };
  const SELF: TokenExtras = { subject: s.citizen.fiscalCode };
  const ids = (rows: readonly { id: string }[]) => ({ ids: rows.map((r) => r.id) });
  const relationshipsOf = (workerId: string) => [...ix.relationshipById.values()].filter((r) => r.workerId === workerId);

  const WORKER = `query($cf: FiscalCode!) { worker(fiscalCode: $cf) {
    fiscalCode firstName lastName birthDate citizenship domicileMunicipality
    availabilityDeclarations { id status history { toStatus recordedBy } }
    professionalRecord { education { level } trainingCourses { title source } }
    employments { id employer { fiscalCode } }
    servicePacts { id state }
    household { id }
    referrals { id state }
  } }`;
  const NOTICE = `query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) {
    code type startDate workerDomicileMunicipality workerCitizenship residencePermitType filedBy late employer { fiscalCode } workSite { id }
  } }`;
  const EMPLOYER = `query($fc: FiscalCode!) { employer(fiscalCode: $fc) {
    fiscalCode name ccnl cassaEdileCode construction legalSeat { municipality } workSites { id }
  } }`;
  const REFERRAL = `query($id: ID!) { referral(id: $id) { id workerFiscalCode state reason motivation from { code } history { toState recordedBy } worker { firstName } } }`;
  const STATUS = `query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) { person { fiscalCode servicePactActive availabilityDeclarationActive availabilityDeclarationStatus } } }`;
  const INCLUSION = `query($id: ID!) { socialInclusionPact(id: $id) { id state municipality household { id } socialServices { code } history { toState recordedBy } } }`;
  const HOUSEHOLD = `query($id: ID!) { household(id: $id) { id municipality members { fiscalCode relation } inclusionPacts { id } } }`;
  const SERVICE_PACT = `query($id: ID!) { servicePact(id: $id) { id state programme history { toState recordedBy } } }`;

  const cpiTerritoryWorkers = data.workers.filter(
    (w) => w.domicileProvince === CPI_PROVINCE || (ix.didsOf.get(w.id) ?? []).some((d) => world.pointIn(d.jobCentreCode, [CPI_PROVINCE])),
  );
  const constructionEmployers = data.employers.filter(isConstruction);

  return [
    // ---- job centres --------------------------------------------------------------------
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES reads a person of its province: registry, DIDs, training record, pacts, referrals, employment history; no household',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: WORKER,
      variables: { cf: s.cpiWorker.fiscalCode },
      expect: {
        'worker.firstName': { is: s.cpiWorker.firstName },
        'worker.lastName': { is: s.cpiWorker.lastName },
        'worker.domicileMunicipality': { is: s.cpiWorker.domicileMunicipality },
        'worker.availabilityDeclarations': ids(ix.didsOf.get(s.cpiWorker.id)!),
        'worker.professionalRecord': 'RELEASED',
        'worker.employments': ids(relationshipsOf(s.cpiWorker.id)),
        'worker.servicePacts': ids(ix.pactsOf.get(s.cpiWorker.id)!.filter((p) => world.pointIn(p.jobCentreCode, [CPI_PROVINCE]))),
        'worker.household': 'FORBIDDEN',
      },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES does not find a person with nothing in its province',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id firstName } }',
      variables: { cf: s.outsideWorker.fiscalCode },
      expect: { worker: 'ABSENT' },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES lists exactly the people of its territory (domicile or DID there)',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: '{ workers(first: 1) { totalCount } }',
      expect: { 'workers.totalCount': { is: cpiTerritoryWorkers.length } },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES reads who recorded a DID change; CPI_OPERATOR REFERRAL does not',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: CPI,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { firstName availabilityDeclarations { status servicePactOverdue history { toStatus recordedBy } } professionalRecord { education { level } } } }',
      variables: { cf: s.cpiWorker.fiscalCode },
      expect: {
        'worker.firstName': { is: s.cpiWorker.firstName },
        'worker.availabilityDeclarations.0.history.0.recordedBy': 'FORBIDDEN',
        'worker.availabilityDeclarations.0.history.0.toStatus': 'RELEASED',
        'worker.availabilityDeclarations.0.servicePactOverdue': 'FORBIDDEN',
        'worker.professionalRecord': 'FORBIDDEN',
      },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES reads a service pact of its province with its history',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: SERVICE_PACT,
      variables: { id: s.cpiPact.id },
      expect: { 'servicePact.state': { is: s.cpiPact.state }, 'servicePact.programme': { is: s.cpiPact.programme }, 'servicePact.history': 'RELEASED' },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES reads no household',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: HOUSEHOLD,
      variables: { id: s.inclusionHousehold.id },
      expect: { household: 'FORBIDDEN' },
    },
    {
      name: "CPI_OPERATOR EMPLOYMENT_SERVICES reads an inclusion pact's status in its territory, not its household, services or case history",
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: { territory: [s.inclusionPact.municipality.slice(0, 3)] },
      query: INCLUSION,
      variables: { id: s.inclusionPact.id },
      expect: {
        'socialInclusionPact.state': { is: s.inclusionPact.state },
        'socialInclusionPact.municipality': 'FORBIDDEN',
        'socialInclusionPact.household': 'FORBIDDEN',
        'socialInclusionPact.socialServices': 'FORBIDDEN',
        'socialInclusionPact.history': 'FORBIDDEN',
      },
    },
    {
      name: "CPI_OPERATOR EMPLOYMENT_SERVICES sees a person's referrals and their state, not the written motivation",
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { referrals { id state motivation history { toState } } } }',
      variables: { cf: s.cpiWorker.fiscalCode },
      expect: {
        'worker.referrals.0.state': 'RELEASED',
        'worker.referrals.0.motivation': 'FORBIDDEN',
        'worker.referrals.0.history': 'FORBIDDEN',
      },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES cannot open a referral by id (referrals are read for the purpose REFERRAL)',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: REFERRAL,
      variables: { id: s.cpiReferral.id },
      expect: { referral: 'FORBIDDEN' },
    },
    {
      name: 'CPI_OPERATOR REFERRAL reads a referral of its territory with its motivation and history',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: CPI,
      query: 'query($id: ID!) { referral(id: $id) { id workerFiscalCode state motivation from { code } history { toState recordedBy } } }',
      variables: { id: s.cpiReferral.id },
      expect: {
        'referral.workerFiscalCode': { is: s.cpiReferral.fiscalCode },
        'referral.state': { is: s.cpiReferral.state },
        'referral.motivation': { is: s.cpiReferral.motivation },
        'referral.from.code': { is: s.cpiReferral.fromCode },
        'referral.history': 'RELEASED',
      },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES reads a notice of its territory: the citizenship, not the residence permit, the filer or the lateness',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: NOTICE,
      variables: { code: s.cpiNotice.code },
      expect: {
        'mandatoryNotice.code': { is: s.cpiNotice.code },
        'mandatoryNotice.startDate': { is: s.cpiNotice.startDate },
        'mandatoryNotice.workerDomicileMunicipality': { is: ix.workerById.get(s.cpiNotice.workerId)!.domicileMunicipality },
        'mandatoryNotice.workerCitizenship': { is: ix.workerById.get(s.cpiNotice.workerId)!.citizenship },
        'mandatoryNotice.residencePermitType': 'FORBIDDEN',
        'mandatoryNotice.filedBy': 'FORBIDDEN',
        'mandatoryNotice.late': 'FORBIDDEN',
        'mandatoryNotice.employer.fiscalCode': { is: s.cpiNotice.employerFiscalCode },
      },
    },
    {
      name: "CPI_OPERATOR REFERRAL does not read a notice's citizenship (employment services only)",
      role: Role.CPI_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: CPI,
      query: 'query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) { code workerCitizenship } }',
      variables: { code: s.cpiNotice.code },
      expect: { 'mandatoryNotice.code': { is: s.cpiNotice.code }, 'mandatoryNotice.workerCitizenship': 'FORBIDDEN' },
    },
    {
      name: "CPI_OPERATOR EMPLOYMENT_SERVICES reads an employer's register identity, not its CCNL, Cassa Edile code, sites or employees",
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: `query($fc: FiscalCode!) { employer(fiscalCode: $fc) { name ccnl cassaEdileCode construction workSites { id } employees { id } mandatoryNotices { totalCount } } }`,
      variables: { fc: s.constructionEmployer.fiscalCode },
      expect: {
        'employer.name': { is: s.constructionEmployer.name },
        'employer.construction': { is: true },
        'employer.ccnl': 'FORBIDDEN',
        'employer.cassaEdileCode': 'FORBIDDEN',
        'employer.workSites': 'FORBIDDEN',
        'employer.employees': 'FORBIDDEN',
        'employer.mandatoryNotices': 'FORBIDDEN',
      },
    },
    {
      name: 'CPI_OPERATOR EMPLOYMENT_SERVICES runs the status check of a person of its province',
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: STATUS,
      variables: { cf: s.cpiWorker.fiscalCode },
      expect: {
        'employmentStatusCheck.person.fiscalCode': { is: s.cpiWorker.fiscalCode },
        'employmentStatusCheck.person.servicePactActive': 'RELEASED',
        'employmentStatusCheck.person.availabilityDeclarationActive': 'RELEASED',
      },
    },

    // ---- municipal social services ------------------------------------------------------------
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION reads a person of its municipality: registry and household; no DID, pacts, training record or employment data',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: WORKER,
      variables: { cf: s.householdMember.fiscalCode },
      expect: {
        'worker.firstName': { is: s.householdMember.firstName },
        'worker.domicileMunicipality': { is: world.socialMunicipality },
        'worker.household.id': { is: s.inclusionHousehold.id },
        'worker.availabilityDeclarations': 'FORBIDDEN',
        'worker.professionalRecord': 'FORBIDDEN',
        'worker.servicePacts': 'FORBIDDEN',
        'worker.employments': 'ABSENT',
      },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION reads DID and pact status only through the status check',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: STATUS,
      variables: { cf: s.householdMember.fiscalCode },
      expect: {
        'employmentStatusCheck.person.fiscalCode': { is: s.householdMember.fiscalCode },
        'employmentStatusCheck.person.servicePactActive': 'RELEASED',
        'employmentStatusCheck.person.availabilityDeclarationActive': 'RELEASED',
        'employmentStatusCheck.person.availabilityDeclarationStatus': 'RELEASED',
      },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION reads a household of its municipality with its members and inclusion pacts',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: HOUSEHOLD,
      variables: { id: s.inclusionHousehold.id },
      expect: {
        'household.municipality': { is: s.inclusionHousehold.municipality },
        'household.members': { ids: s.inclusionHousehold.members.map((x) => x.fiscalCode), key: 'fiscalCode' },
        'household.inclusionPacts': ids(ix.inclusionOfHousehold.get(s.inclusionHousehold.id)!.filter((p) => p.municipality === world.socialMunicipality)),
      },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION does not find a household of another municipality',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: HOUSEHOLD,
      variables: { id: s.otherHousehold.id },
      expect: { household: 'ABSENT' },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION does not find a person of another municipality',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }',
      variables: { cf: s.outsideWorker.domicileMunicipality === world.socialMunicipality ? s.cpiWorker.fiscalCode : s.outsideWorker.fiscalCode },
      expect: { worker: 'ABSENT' },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION reads an inclusion pact of its municipality with the case history and who recorded it',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: INCLUSION,
      variables: { id: s.inclusionPact.id },
      expect: {
        'socialInclusionPact.state': { is: s.inclusionPact.state },
        'socialInclusionPact.municipality': { is: s.inclusionPact.municipality },
        'socialInclusionPact.household.id': { is: s.inclusionPact.householdId },
        'socialInclusionPact.socialServices.code': { is: s.inclusionPact.socialServicesCode },
        'socialInclusionPact.history': 'RELEASED',
      },
    },
    {
      name: 'SOCIAL_WORKER REFERRAL reads an inclusion pact without its case history',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.REFERRAL,
      token: SW,
      query: INCLUSION,
      variables: { id: s.inclusionPact.id },
      expect: { 'socialInclusionPact.state': { is: s.inclusionPact.state }, 'socialInclusionPact.history': 'FORBIDDEN' },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION reads no service pact',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: SERVICE_PACT,
      variables: { id: s.cpiPact.id },
      expect: { servicePact: 'FORBIDDEN' },
    },
    {
      name: 'SOCIAL_WORKER REFERRAL reads a referral of its municipality with its motivation',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.REFERRAL,
      token: SW,
      query: 'query($id: ID!) { referral(id: $id) { id state motivation } }',
      variables: { id: s.municipalityReferral.id },
      expect: { 'referral.state': { is: s.municipalityReferral.state }, 'referral.motivation': { is: s.municipalityReferral.motivation } },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION cannot open a referral by id',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: 'query($id: ID!) { referral(id: $id) { id } }',
      variables: { id: s.municipalityReferral.id },
      expect: { referral: 'FORBIDDEN' },
    },

    // ---- social desks -----------------------------------------------------------------------
    {
      name: 'SOCIAL_DESK_OPERATOR REFERRAL reads a referral its organisation wrote with consent, but not the person behind it',
      role: Role.SOCIAL_DESK_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: DESK,
      query: REFERRAL,
      variables: { id: s.deskReferral.id },
      expect: {
        'referral.workerFiscalCode': { is: s.deskReferral.fiscalCode },
        'referral.state': { is: s.deskReferral.state },
        'referral.reason': { is: s.deskReferral.reason },
        'referral.motivation': { is: s.deskReferral.motivation },
        'referral.from.code': { is: world.socialDesk },
        'referral.history': 'RELEASED',
        'referral.worker.firstName': 'ABSENT',
      },
    },
    {
      name: 'SOCIAL_DESK_OPERATOR REFERRAL does not find a referral another service wrote',
      role: Role.SOCIAL_DESK_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: DESK,
      query: 'query($id: ID!) { referral(id: $id) { id state } }',
      variables: { id: s.notDeskReferral.id },
      expect: { referral: 'ABSENT' },
    },
    {
      name: "SOCIAL_DESK_OPERATOR REFERRAL of another organisation does not find the desk's referral",
      role: Role.SOCIAL_DESK_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: { organisation: 'SOCDESK-OTHER-ORGANISATION' },
      query: 'query($id: ID!) { referral(id: $id) { id state } }',
      variables: { id: s.deskReferral.id },
      expect: { referral: 'ABSENT' },
    },
    {
      name: 'SOCIAL_DESK_OPERATOR REFERRAL reads no person, pact, household, employer or notice',
      role: Role.SOCIAL_DESK_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: DESK,
      query: `query($cf: FiscalCode!, $pact: ID!, $household: ID!, $fc: FiscalCode!, $code: MandatoryNoticeCode!) {
        worker(fiscalCode: $cf) { id } servicePact(id: $pact) { id } household(id: $household) { id }
        employer(fiscalCode: $fc) { name } mandatoryNotice(code: $code) { code } employmentStatusCheck(fiscalCode: $cf) { checkedAt } }`,
      variables: { cf: s.deskReferral.fiscalCode, pact: s.cpiPact.id, household: s.inclusionHousehold.id, fc: s.ownEmployer.fiscalCode, code: s.cpiNotice.code },
      expect: { worker: 'FORBIDDEN', servicePact: 'FORBIDDEN', household: 'FORBIDDEN', employer: 'FORBIDDEN', mandatoryNotice: 'FORBIDDEN', employmentStatusCheck: 'FORBIDDEN' },
    },

    // ---- Cassa Edile ------------------------------------------------------------------------
    {
      name: 'CASSA_EDILE REGULARITY_CHECK reads a construction worker: registry and construction employment; never a DID, a pact, a household or a referral',
      role: Role.CASSA_EDILE,
      purpose: Purpose.REGULARITY_CHECK,
      token: CASSA,
      query: `query($cf: FiscalCode!) { worker(fiscalCode: $cf) { firstName birthDate citizenship availabilityDeclaration { id } availabilityDeclarations { id }
        employments { id employer { fiscalCode construction } } servicePacts { id } household { id } referrals { id } } }`,
      variables: { cf: s.constructionWorker.fiscalCode },
      expect: {
        'worker.firstName': { is: s.constructionWorker.firstName },
        'worker.birthDate': { is: s.constructionWorker.birthDate },
        'worker.citizenship': { is: s.constructionWorker.citizenship },
        'worker.availabilityDeclaration': 'FORBIDDEN',
        'worker.availabilityDeclarations': 'FORBIDDEN',
        'worker.employments': { every: 'employer.construction', is: true },
        'worker.servicePacts': 'ABSENT',
        'worker.household': 'ABSENT',
        'worker.referrals': 'ABSENT',
      },
    },
    {
      name: 'CASSA_EDILE REGULARITY_CHECK does not find a worker who never worked in construction',
      role: Role.CASSA_EDILE,
      purpose: Purpose.REGULARITY_CHECK,
      token: CASSA,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id firstName } }',
      variables: { cf: s.nonConstructionWorker.fiscalCode },
      expect: { worker: 'ABSENT' },
    },
    {
      name: 'CASSA_EDILE REGULARITY_CHECK reads a construction employer in full, and finds no other employer',
      role: Role.CASSA_EDILE,
      purpose: Purpose.REGULARITY_CHECK,
      token: CASSA,
      query: `query($fc: FiscalCode!, $other: FiscalCode!) { employer(fiscalCode: $fc) { name ccnl cassaEdileCode construction workSites { id } } other: employer(fiscalCode: $other) { name } }`,
      variables: { fc: s.constructionEmployer.fiscalCode, other: s.nonConstructionEmployer.fiscalCode },
      expect: {
        'employer.name': { is: s.constructionEmployer.name },
        'employer.ccnl': { is: s.constructionEmployer.ccnl },
        'employer.cassaEdileCode': { is: s.constructionEmployer.cassaEdileCode },
        'employer.workSites': ids(s.constructionEmployer.sites),
        other: 'ABSENT',
      },
    },
    {
      name: 'CASSA_EDILE CASSA_EDILE_NOTIFICATION lists exactly the construction employers',
      role: Role.CASSA_EDILE,
      purpose: Purpose.CASSA_EDILE_NOTIFICATION,
      token: CASSA,
      query: '{ employers(first: 100) { totalCount nodes { construction } } }',
      expect: { 'employers.totalCount': { is: constructionEmployers.length }, 'employers.nodes': { every: 'construction', is: true } },
    },
    {
      name: "CASSA_EDILE REGULARITY_CHECK reads a construction notice's timeliness, not the domicile, citizenship, residence permit or filer",
      role: Role.CASSA_EDILE,
      purpose: Purpose.REGULARITY_CHECK,
      token: CASSA,
      query: NOTICE,
      variables: { code: s.constructionNotice.code },
      expect: {
        'mandatoryNotice.code': { is: s.constructionNotice.code },
        'mandatoryNotice.type': { is: s.constructionNotice.type },
        'mandatoryNotice.late': 'RELEASED',
        'mandatoryNotice.workerDomicileMunicipality': 'FORBIDDEN',
        'mandatoryNotice.workerCitizenship': 'FORBIDDEN',
        'mandatoryNotice.residencePermitType': 'FORBIDDEN',
        'mandatoryNotice.filedBy': 'FORBIDDEN',
        'mandatoryNotice.employer.fiscalCode': { is: s.constructionEmployer.fiscalCode },
      },
    },
    {
      name: 'CASSA_EDILE REGULARITY_CHECK runs no status check and reads no service pact or referral',
      role: Role.CASSA_EDILE,
      purpose: Purpose.REGULARITY_CHECK,
      token: CASSA,
      query: 'query($cf: FiscalCode!, $pact: ID!, $ref: ID!) { employmentStatusCheck(fiscalCode: $cf) { checkedAt } servicePact(id: $pact) { id } referral(id: $ref) { id } }',
      variables: { cf: s.constructionWorker.fiscalCode, pact: s.cpiPact.id, ref: s.cpiReferral.id },
      expect: { employmentStatusCheck: 'FORBIDDEN', servicePact: 'FORBIDDEN', referral: 'FORBIDDEN' },
    },
    {
      name: 'CASSA_EDILE TRAINING_RECORD reads the training courses it supplied to a construction worker, not the others, the education or the birth data',
      role: Role.CASSA_EDILE,
      purpose: Purpose.TRAINING_RECORD,
      token: CASSA,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { firstName birthDate professionalRecord { education { level } trainingCourses { title source } } } }',
      variables: { cf: s.trainedWorker.fiscalCode },
      expect: {
        'worker.firstName': { is: s.trainedWorker.firstName },
        'worker.birthDate': 'FORBIDDEN',
        'worker.professionalRecord.education': 'FORBIDDEN',
        'worker.professionalRecord.trainingCourses': { ids: s.trainedWorker.training.filter((t) => t.source === 'CASSA_EDILE').map((t) => t.title), key: 'title' },
      },
    },
    {
      name: 'CASSA_EDILE TRAINING_RECORD reads nothing of the companies subgraph',
      role: Role.CASSA_EDILE,
      purpose: Purpose.TRAINING_RECORD,
      token: CASSA,
      query: 'query($fc: FiscalCode!, $code: MandatoryNoticeCode!) { employer(fiscalCode: $fc) { name } mandatoryNotice(code: $code) { code } }',
      variables: { fc: s.constructionEmployer.fiscalCode, code: s.constructionNotice.code },
      expect: { employer: 'FORBIDDEN', mandatoryNotice: 'FORBIDDEN' },
    },
    {
      name: 'CASSA_EDILE CASSA_EDILE_NOTIFICATION reads no professional record',
      role: Role.CASSA_EDILE,
      purpose: Purpose.CASSA_EDILE_NOTIFICATION,
      token: CASSA,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { lastName professionalRecord { trainingCourses { title } } } }',
      variables: { cf: s.trainedWorker.fiscalCode },
      expect: { 'worker.lastName': { is: s.trainedWorker.lastName }, 'worker.professionalRecord': 'FORBIDDEN' },
    },

    // ---- employers --------------------------------------------------------------------------
    {
      name: 'EMPLOYER MANDATORY_NOTICE reads its own employer in full',
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      token: OWN,
      query: EMPLOYER,
      variables: { fc: s.ownEmployer.fiscalCode },
      expect: {
        'employer.name': { is: s.ownEmployer.name },
        'employer.ccnl': { is: s.ownEmployer.ccnl },
        'employer.legalSeat.municipality': { is: s.ownEmployer.legalSeatMunicipality },
        'employer.workSites': ids(s.ownEmployer.sites),
      },
    },
    {
      name: 'EMPLOYER MANDATORY_NOTICE reads only its own employer',
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      token: OWN,
      query: '{ employers(first: 100) { totalCount nodes { fiscalCode } } }',
      expect: { 'employers.totalCount': { is: 1 }, 'employers.nodes': { ids: [s.ownEmployer.fiscalCode], key: 'fiscalCode' } },
    },
    {
      name: "EMPLOYER MANDATORY_NOTICE does not find another employer or another employer's notice",
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      token: OWN,
      query: 'query($fc: FiscalCode!, $code: MandatoryNoticeCode!) { employer(fiscalCode: $fc) { name } mandatoryNotice(code: $code) { code } }',
      variables: { fc: s.otherEmployer.fiscalCode, code: s.otherNotice.code },
      expect: { employer: 'ABSENT', mandatoryNotice: 'ABSENT' },
    },
    {
      name: 'EMPLOYER MANDATORY_NOTICE reads its own notice in full, residence permit and filer included',
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      token: OWN,
      query: NOTICE,
      variables: { code: s.ownNotice.code },
      expect: {
        'mandatoryNotice.code': { is: s.ownNotice.code },
        'mandatoryNotice.workerCitizenship': { is: ix.workerById.get(s.ownNotice.workerId)!.citizenship },
        'mandatoryNotice.residencePermitType': s.ownNotice.residencePermitType ? 'RELEASED' : { is: null },
        'mandatoryNotice.filedBy': { is: null },
        'mandatoryNotice.late': 'RELEASED',
        'mandatoryNotice.employer.fiscalCode': { is: s.ownEmployer.fiscalCode },
      },
    },
    {
      name: 'EMPLOYER MANDATORY_NOTICE reads the notice identity of its employee, not the citizenship, domicile, DID or pacts',
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      token: OWN,
      query: `query($cf: FiscalCode!) { worker(fiscalCode: $cf) { firstName lastName birthDate citizenship domicileMunicipality availabilityDeclarations { id } servicePacts { id }
        employments { id employer { fiscalCode } } } }`,
      variables: { cf: s.ownWorker.fiscalCode },
      expect: {
        'worker.firstName': { is: s.ownWorker.firstName },
        'worker.lastName': { is: s.ownWorker.lastName },
        'worker.birthDate': { is: s.ownWorker.birthDate },
        'worker.citizenship': 'FORBIDDEN',
        'worker.domicileMunicipality': 'FORBIDDEN',
        'worker.availabilityDeclarations': 'FORBIDDEN',
        'worker.servicePacts': 'ABSENT',
        'worker.employments': { every: 'employer.fiscalCode', is: s.ownEmployer.fiscalCode },
      },
    },
    {
      name: 'EMPLOYER MANDATORY_NOTICE does not find a person it never employed',
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      token: OWN,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id firstName } }',
      variables: { cf: s.strangerWorker.fiscalCode },
      expect: { worker: 'ABSENT' },
    },

    // ---- analysts ----------------------------------------------------------------------------
    {
      name: 'MINISTRY_ANALYST STATISTICS reads no person, list of people, DID status or pact',
      role: Role.MINISTRY_ANALYST,
      purpose: Purpose.STATISTICS,
      token: {},
      query: `query($cf: FiscalCode!, $pact: ID!) { worker(fiscalCode: $cf) { id } workers(first: 5) { totalCount } employmentStatusCheck(fiscalCode: $cf) { checkedAt }
        servicePact(id: $pact) { id } servicePacts(first: 5) { totalCount } socialInclusionPacts(first: 5) { totalCount } }`,
      variables: { cf: s.cpiWorker.fiscalCode, pact: s.cpiPact.id },
      expect: {
        worker: 'FORBIDDEN',
        workers: 'FORBIDDEN',
        employmentStatusCheck: 'FORBIDDEN',
        servicePact: 'FORBIDDEN',
        servicePacts: 'FORBIDDEN',
        socialInclusionPacts: 'FORBIDDEN',
      },
    },
    {
      name: 'REGION_ANALYST STATISTICS reads no employer, notice, relationship, household or referral',
      role: Role.REGION_ANALYST,
      purpose: Purpose.STATISTICS,
      token: {},
      query: `query($fc: FiscalCode!, $code: MandatoryNoticeCode!, $household: ID!, $ref: ID!) { employer(fiscalCode: $fc) { name } employers(first: 5) { totalCount }
        mandatoryNotice(code: $code) { code } household(id: $household) { id } referral(id: $ref) { id } }`,
      variables: { fc: s.constructionEmployer.fiscalCode, code: s.constructionNotice.code, household: s.inclusionHousehold.id, ref: s.cpiReferral.id },
      expect: { employer: 'FORBIDDEN', employers: 'FORBIDDEN', mandatoryNotice: 'FORBIDDEN', household: 'FORBIDDEN', referral: 'FORBIDDEN' },
    },
    {
      name: "MINISTRY_ANALYST STATISTICS reads the public service-point directory but not a service's referral queues",
      role: Role.MINISTRY_ANALYST,
      purpose: Purpose.STATISTICS,
      token: {},
      query: 'query($code: ID!) { servicePoint(code: $code) { name municipality desks { code } referralsReceived(first: 5) { totalCount } referralsSent(first: 5) { totalCount } } }',
      variables: { code: s.jobCentreWithDesks.code },
      expect: {
        'servicePoint.name': { is: s.jobCentreWithDesks.name },
        'servicePoint.municipality': { is: s.jobCentreWithDesks.municipality },
        'servicePoint.desks': { ids: data.servicePoints.filter((d) => d.parentCode === s.jobCentreWithDesks.code).map((d) => d.code), key: 'code' },
        'servicePoint.referralsReceived': 'FORBIDDEN',
        'servicePoint.referralsSent': 'FORBIDDEN',
      },
    },

    // ---- citizens -----------------------------------------------------------------------------
    {
      name: 'CITIZEN SELF_SERVICE reads themselves in full: registry, DIDs, training record, employment, pacts, household, referrals',
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: WORKER,
      variables: { cf: s.citizen.fiscalCode },
      expect: {
        'worker.firstName': { is: s.citizen.firstName },
        'worker.birthDate': { is: s.citizen.birthDate },
        'worker.availabilityDeclarations': ids(ix.didsOf.get(s.citizen.id)!),
        'worker.professionalRecord': 'RELEASED',
        'worker.employments': ids(relationshipsOf(s.citizen.id)),
        'worker.servicePacts': ids(ix.pactsOf.get(s.citizen.id)!),
        'worker.household.id': { is: s.citizenHousehold.id },
        'worker.referrals': ids(ix.referralsOf.get(s.citizen.id)!),
        'worker.availabilityDeclarations.0.history.0.recordedBy': 'FORBIDDEN',
      },
    },
    {
      name: 'CITIZEN SELF_SERVICE does not find another person',
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id firstName } }',
      variables: { cf: s.cpiWorker.fiscalCode === s.citizen.fiscalCode ? s.outsideWorker.fiscalCode : s.cpiWorker.fiscalCode },
      expect: { worker: 'ABSENT' },
    },
    {
      name: "CITIZEN SELF_SERVICE reads their own referral with its motivation and history, not who recorded each step; not someone else's",
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: 'query($id: ID!, $other: ID!) { referral(id: $id) { id state motivation history { toState recordedBy } } other: referral(id: $other) { id } }',
      variables: { id: s.citizenReferral.id, other: s.otherPersonReferral.id },
      expect: {
        'referral.state': { is: s.citizenReferral.state },
        'referral.motivation': { is: s.citizenReferral.motivation },
        'referral.history.0.toState': { is: s.citizenReferral.history[0]!.toState },
        'referral.history.0.recordedBy': 'FORBIDDEN',
        other: 'ABSENT',
      },
    },
    {
      name: "CITIZEN SELF_SERVICE reads their own service pact and its history, not who recorded it",
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: SERVICE_PACT,
      variables: { id: s.citizenPact.id },
      expect: { 'servicePact.state': { is: s.citizenPact.state }, 'servicePact.programme': { is: s.citizenPact.programme }, 'servicePact.history.0.recordedBy': 'FORBIDDEN' },
    },
    {
      name: "CITIZEN SELF_SERVICE reads their household's inclusion pact and its history, not who recorded it",
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: INCLUSION,
      variables: { id: s.citizenInclusionPact.id },
      expect: {
        'socialInclusionPact.state': { is: s.citizenInclusionPact.state },
        'socialInclusionPact.household.id': { is: s.citizenHousehold.id },
        'socialInclusionPact.history.0.recordedBy': 'FORBIDDEN',
      },
    },
    {
      name: 'CITIZEN SELF_SERVICE reads their own notice with the filer, not the work site',
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: 'query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) { code startDate filedBy workSite { id } } }',
      variables: { code: s.citizenNotice.code },
      expect: {
        'mandatoryNotice.code': { is: s.citizenNotice.code },
        'mandatoryNotice.startDate': { is: s.citizenNotice.startDate },
        'mandatoryNotice.filedBy': { is: null },
        'mandatoryNotice.workSite': 'FORBIDDEN',
      },
    },
    {
      name: "CITIZEN SELF_SERVICE reads an employer's public identity, not its seat or CCNL, and lists no employers",
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: 'query($fc: FiscalCode!) { employer(fiscalCode: $fc) { name atecoCode legalSeat { municipality } ccnl } employers(first: 5) { totalCount } }',
      variables: { fc: s.constructionEmployer.fiscalCode },
      expect: {
        'employer.name': { is: s.constructionEmployer.name },
        'employer.atecoCode': { is: s.constructionEmployer.ateco },
        'employer.legalSeat': 'FORBIDDEN',
        'employer.ccnl': 'FORBIDDEN',
        employers: 'FORBIDDEN',
      },
    },

    // ---- lists: filtered by the row scope in the query, counts included ---------------------------
    {
      name: "SOCIAL_WORKER SOCIAL_INCLUSION lists exactly the people domiciled in its municipality",
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: '{ workers(first: 1) { totalCount } }',
      expect: { 'workers.totalCount': { is: data.workers.filter((w) => w.domicileMunicipality === world.socialMunicipality).length } },
    },
    {
      name: 'EMPLOYER MANDATORY_NOTICE lists exactly the people its employer employs or employed',
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      token: OWN,
      query: '{ workers(first: 1) { totalCount } }',
      expect: { 'workers.totalCount': { is: new Set(data.notices.filter((n) => n.employerFiscalCode === s.ownEmployer.fiscalCode).map((n) => n.workerId)).size } },
    },
    {
      name: "SOCIAL_DESK_OPERATOR REFERRAL sees in a job centre's inbox only the referrals its organisation wrote with consent",
      role: Role.SOCIAL_DESK_OPERATOR,
      purpose: Purpose.REFERRAL,
      token: DESK,
      query: 'query($code: ID!) { servicePoint(code: $code) { referralsReceived(first: 100) { totalCount nodes { id } } } }',
      variables: { code: s.deskReferral.toCode },
      expect: {
        'servicePoint.referralsReceived.totalCount': {
          is: data.referrals.filter((r) => r.toCode === s.deskReferral.toCode && r.fromCode === world.socialDesk && r.legalBasis === 'CONSENT').length,
        },
        'servicePoint.referralsReceived.nodes': ids(data.referrals.filter((r) => r.toCode === s.deskReferral.toCode && r.fromCode === world.socialDesk && r.legalBasis === 'CONSENT')),
      },
    },
    {
      name: 'CITIZEN SELF_SERVICE runs the status check of themselves only: no other member of the household is listed',
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: 'query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) { person { fiscalCode servicePactActive availabilityDeclarationActive } householdMembers { fiscalCode } } }',
      variables: { cf: s.citizen.fiscalCode },
      expect: {
        'employmentStatusCheck.person.fiscalCode': { is: s.citizen.fiscalCode },
        'employmentStatusCheck.person.servicePactActive': 'RELEASED',
        'employmentStatusCheck.householdMembers': { ids: [], key: 'fiscalCode' },
      },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION runs the status check of a member and sees the other members of the household',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: 'query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) { householdMembers { fiscalCode } } }',
      variables: { cf: s.householdMember.fiscalCode },
      expect: {
        'employmentStatusCheck.householdMembers': { ids: s.inclusionHousehold.members.filter((x) => x.fiscalCode !== s.householdMember.fiscalCode).map((x) => x.fiscalCode), key: 'fiscalCode' },
      },
    },
    {
      name: "CITIZEN SELF_SERVICE reads their household's members, but reaches no other member's record through it",
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: 'query($id: ID!) { household(id: $id) { members { fiscalCode relation worker { id } } } }',
      variables: { id: s.citizenHousehold.id },
      expect: {
        'household.members': {
          ids: s.citizenHousehold.members.map((x) => x.fiscalCode),
          key: 'fiscalCode',
          each: (member) => {
            const m = member as { fiscalCode: string; worker: { id: string } | null };
            const own = m.fiscalCode === s.citizen.fiscalCode;
            if (own && m.worker?.id !== s.citizen.id) return `their own member entry should lead to their record, got ${JSON.stringify(m.worker)}`;
            if (!own && m.worker !== null) return `another member's record was reached: ${JSON.stringify(m.worker)}`;
            return undefined;
          },
        },
      },
    },
    {
      name: 'CASSA_EDILE REGULARITY_CHECK reads the notices and current employees of a construction employer',
      role: Role.CASSA_EDILE,
      purpose: Purpose.REGULARITY_CHECK,
      token: CASSA,
      query: 'query($fc: FiscalCode!) { employer(fiscalCode: $fc) { mandatoryNotices(first: 100) { totalCount } employees(activeOnly: false) { id } } }',
      variables: { fc: s.constructionEmployer.fiscalCode },
      expect: {
        'employer.mandatoryNotices.totalCount': { is: data.notices.filter((n) => n.employerFiscalCode === s.constructionEmployer.fiscalCode).length },
        'employer.employees': ids([...ix.relationshipById.values()].filter((r) => r.employerFiscalCode === s.constructionEmployer.fiscalCode)),
      },
    },

    // ---- data protection officer and platform administrators -----------------------------------
    {
      name: 'DATA_PROTECTION_OFFICER SUPERVISION reads no person, employer, pact or referral',
      role: Role.DATA_PROTECTION_OFFICER,
      purpose: Purpose.SUPERVISION,
      token: {},
      query: `query($cf: FiscalCode!, $fc: FiscalCode!, $pact: ID!, $ref: ID!) { worker(fiscalCode: $cf) { id } employer(fiscalCode: $fc) { name } servicePact(id: $pact) { id } referral(id: $ref) { id } }`,
      variables: { cf: s.cpiWorker.fiscalCode, fc: s.constructionEmployer.fiscalCode, pact: s.cpiPact.id, ref: s.cpiReferral.id },
      expect: { worker: 'FORBIDDEN', employer: 'FORBIDDEN', servicePact: 'FORBIDDEN', referral: 'FORBIDDEN' },
    },
    {
      name: 'PLATFORM_ADMIN ADMINISTRATION reads no personal data, only the public catalogues and directory',
      role: Role.PLATFORM_ADMIN,
      purpose: Purpose.ADMINISTRATION,
      token: {},
      query: `query($cf: FiscalCode!, $household: ID!) { worker(fiscalCode: $cf) { id } household(id: $household) { id } employmentStatusCheck(fiscalCode: $cf) { checkedAt }
        roles { code } servicePoints(first: 1) { totalCount } }`,
      variables: { cf: s.citizen.fiscalCode, household: s.citizenHousehold.id },
      expect: {
        worker: 'FORBIDDEN',
        household: 'FORBIDDEN',
        employmentStatusCheck: 'FORBIDDEN',
        roles: 'RELEASED',
        'servicePoints.totalCount': { is: data.servicePoints.length },
      },
    },

    // ---- the audit trail: the person's own access log, the DPO's trail --------------------------
    {
      name: 'CITIZEN SELF_SERVICE reads their own access log',
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: '{ me { fiscalCode accessLog { nodes { organisation purpose } } } }',
      expect: { 'me.fiscalCode': { is: s.citizen.fiscalCode }, 'me.accessLog': 'RELEASED' },
    },
    {
      name: "CPI_OPERATOR EMPLOYMENT_SERVICES reads no one's access log and no audit record",
      role: Role.CPI_OPERATOR,
      purpose: Purpose.EMPLOYMENT_SERVICES,
      token: CPI,
      query: 'query($cf: FiscalCode!) { me { fiscalCode } auditRecords(first: 5) { nodes { purpose } } worker(fiscalCode: $cf) { firstName accessLog { nodes { organisation } } } }',
      variables: { cf: s.cpiWorker.fiscalCode },
      expect: { me: 'FORBIDDEN', auditRecords: 'FORBIDDEN', 'worker.firstName': { is: s.cpiWorker.firstName }, 'worker.accessLog': 'FORBIDDEN' },
    },
    {
      name: 'DATA_PROTECTION_OFFICER SUPERVISION reads the audit trail',
      role: Role.DATA_PROTECTION_OFFICER,
      purpose: Purpose.SUPERVISION,
      token: {},
      query: '{ auditRecords(first: 5) { nodes { seq purpose role } } }',
      expect: { 'auditRecords.nodes': 'RELEASED' },
    },
    {
      name: 'MINISTRY_ANALYST STATISTICS reads no audit record',
      role: Role.MINISTRY_ANALYST,
      purpose: Purpose.STATISTICS,
      token: {},
      query: '{ auditRecords(first: 5) { nodes { seq } } me { fiscalCode } }',
      expect: { auditRecords: 'FORBIDDEN', me: 'FORBIDDEN' },
    },

    // ---- writes: refused to the roles the policy does not name ----------------------------------
    {
      name: 'CASSA_EDILE REGULARITY_CHECK cannot move a referral',
      role: Role.CASSA_EDILE,
      purpose: Purpose.REGULARITY_CHECK,
      token: CASSA,
      query: 'mutation($id: ID!) { expireReferral(id: $id) { id state } }',
      variables: { id: s.cpiReferral.id },
      expect: { expireReferral: 'FORBIDDEN' },
    },
    {
      name: "CITIZEN SELF_SERVICE cannot change a DID's status",
      role: Role.CITIZEN,
      purpose: Purpose.SELF_SERVICE,
      token: SELF,
      query: 'mutation($input: ChangeAvailabilityDeclarationStatusInput!) { changeAvailabilityDeclarationStatus(input: $input) { id status } }',
      variables: { input: { id: s.citizenDid.id, status: 'REVOKED', effectiveOn: s.citizenDid.statusDate, reason: 'matrix check' } },
      expect: { changeAvailabilityDeclarationStatus: 'FORBIDDEN' },
    },
    {
      name: 'SOCIAL_WORKER SOCIAL_INCLUSION cannot change a DID status or file a notice',
      role: Role.SOCIAL_WORKER,
      purpose: Purpose.SOCIAL_INCLUSION,
      token: SW,
      query: 'mutation($input: ChangeAvailabilityDeclarationStatusInput!) { changeAvailabilityDeclarationStatus(input: $input) { id } }',
      variables: { input: { id: s.cpiDid.id, status: 'REVOKED', effectiveOn: s.cpiDid.statusDate, reason: 'matrix check' } },
      expect: { changeAvailabilityDeclarationStatus: 'FORBIDDEN' },
    },
  ];
}
