import { randomUUID } from 'node:crypto';
import { type DatasetWorker } from '../../../scripts/seed/dataset.types';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { seedCompanies } from '../../../subgraphs/companies/seed';
import { type Caller } from '../../../subgraphs/lib/identity';
import { callerAs } from '../../utils/callers';
import { type TestSubgraph } from '../../utils/subgraph';
import { dataset, datasetEmployer, datasetNotice, day, employerCaller, employerCode, workerCode } from './fixtures';

/**
 * A small world for the access tests, every value synthetic. Municipalities: Milano 015146,
 * Bergamo 016024, Cremona 019036.
 *
 * | relationship | employer                         | worker (domicile)     | work site        |
 * |--------------|----------------------------------|-----------------------|------------------|
 * | R_BUILD      | BUILDER (construction by ATECO)  | W_MI (Milano)         | Bergamo site     |
 * | R_SHOP       | SHOP (retail), hire + termination| W_BG (Bergamo)        | Milano site      |
 * | R_CRAFT      | CRAFT (construction by CCNL only)| W_CR (Cremona)        | Bergamo site     |
 * | R_NODOM      | SHOP                             | W_NODOM (not notified)| Milano site      |
 * | R_NOWHERE    | FACTORY (food)                   | W_NOWHERE (not notified) | none          |
 * | R_FACTORY    | FACTORY                          | W_MI (Milano)         | Cremona site     |
 */
export const BUILDER = employerCode(901);
export const SHOP = employerCode(902);
export const CRAFT = employerCode(903);
export const FACTORY = employerCode(904);
export const EMPLOYERS = [BUILDER, SHOP, CRAFT, FACTORY];
/** Employers in the construction sector: by ATECO section F, or by a construction CCNL. */
export const CONSTRUCTION = [BUILDER, CRAFT];

export const W_MI = workerCode(901);
export const W_BG = workerCode(902);
export const W_CR = workerCode(903);
export const W_NODOM = workerCode(904);
export const W_NOWHERE = workerCode(905);
/** A person with no relationship at all. */
export const W_NONE = workerCode(906);

export const SITE = {
  builderBergamo: randomUUID(),
  builderMilano: randomUUID(),
  shopMilano: randomUUID(),
  craftBergamo: randomUUID(),
  factoryCremona: randomUUID(),
};

export const R = {
  build: randomUUID(),
  shop: randomUUID(),
  craft: randomUUID(),
  nodom: randomUUID(),
  nowhere: randomUUID(),
  factory: randomUUID(),
};
export type RelationshipName = keyof typeof R;
export const ALL_RELATIONSHIPS = Object.keys(R) as RelationshipName[];

export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
export const UNKNOWN_NOTICE_CODE = '9999999999999999';

/** Communication codes of the notices, per relationship (the hire first). */
export const NOTICE_CODES: Record<RelationshipName, string[]> = {
  build: ['5000000000000001'],
  shop: ['5000000000000002', '5000000000000003'],
  craft: ['5000000000000004'],
  nodom: ['5000000000000005'],
  nowhere: ['5000000000000006'],
  factory: ['5000000000000007'],
};

// Callers, one per role (and purpose where it matters).
export const CPI_MILANO = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'] });
export const CPI_BERGAMO = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['016024'] });
export const CPI_CREMONA = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['019'] });
export const CPI_REFERRAL_MILANO = callerAs('CPI_OPERATOR', 'REFERRAL', { territory: ['015'] });
export const CASSA = callerAs('CASSA_EDILE', 'REGULARITY_CHECK', { organisation: 'cassa-edile-test' });
export const CASSA_TRAINING = callerAs('CASSA_EDILE', 'TRAINING_RECORD', { organisation: 'cassa-edile-test' });
export const SHOP_CONSULTANT = employerCaller(SHOP);
export const FACTORY_CONSULTANT = employerCaller(FACTORY);
export const CITIZEN_MI = callerAs('CITIZEN', 'SELF_SERVICE', { subject: W_MI });
export const CITIZEN_BG = callerAs('CITIZEN', 'SELF_SERVICE', { subject: W_BG });

/** Roles that see no row of this subgraph, with their usual purpose. */
export const NO_ROWS_CALLERS: [string, Caller][] = [
  ['MINISTRY_ANALYST', callerAs('MINISTRY_ANALYST', 'STATISTICS')],
  ['REGION_ANALYST', callerAs('REGION_ANALYST', 'STATISTICS', { territory: ['015'] })],
  ['DATA_PROTECTION_OFFICER', callerAs('DATA_PROTECTION_OFFICER', 'SUPERVISION')],
  ['PLATFORM_ADMIN', callerAs('PLATFORM_ADMIN', 'ADMINISTRATION')],
  ['SOCIAL_WORKER', callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { territory: ['015146'] })],
  ['SOCIAL_DESK_OPERATOR', callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { territory: ['015'] })],
];

/** Which relationships (and so which of their notices) each caller may see. */
export const VISIBLE: [string, Caller, RelationshipName[]][] = [
  // Domicile in the territory; R_NODOM by its Milano work site; R_BUILD's Bergamo site does not matter.
  ['a job centre of Milano', CPI_MILANO, ['build', 'nodom', 'factory']],
  ['a job centre of Bergamo', CPI_BERGAMO, ['shop']],
  ['a job centre of Cremona', CPI_CREMONA, ['craft']],
  ['a Cassa Edile', CASSA, ['build', 'craft']],
  ['a consultant of the shop', SHOP_CONSULTANT, ['shop', 'nodom']],
  ['a consultant of the factory', FACTORY_CONSULTANT, ['nowhere', 'factory']],
  ['a citizen', CITIZEN_MI, ['build', 'factory']],
];

/** Seeds the world above through the companies seeder. */
export async function seedAccessWorld(graph: TestSubgraph<CompaniesLoaders>): Promise<void> {
  const worker = (id: string, domicileMunicipality: string) => ({ id, citizenship: '000', domicileMunicipality }) as DatasetWorker;
  const ids = { mi: randomUUID(), bg: randomUUID(), cr: randomUUID(), nodom: randomUUID(), nowhere: randomUUID() };
  const workers = [worker(ids.mi, '015146'), worker(ids.bg, '016024'), worker(ids.cr, '019036')];
  const base = { startDate: day(-100), endDate: day(200), filedAt: `${day(-101)}T09:00:00.000Z` };
  const notices = [
    datasetNotice({ ...base, code: NOTICE_CODES.build[0], relationshipId: R.build, employerFiscalCode: BUILDER, workerFiscalCode: W_MI, workerId: ids.mi, workSiteId: SITE.builderBergamo, residencePermitType: '1', residencePermitExpiry: '2030-01-01' }),
    datasetNotice({ ...base, code: NOTICE_CODES.shop[0], relationshipId: R.shop, employerFiscalCode: SHOP, workerFiscalCode: W_BG, workerId: ids.bg, workSiteId: SITE.shopMilano }),
    datasetNotice({
      ...base,
      code: NOTICE_CODES.shop[1],
      relationshipId: R.shop,
      employerFiscalCode: SHOP,
      workerFiscalCode: W_BG,
      workerId: ids.bg,
      type: 'TERMINATION',
      eventDate: day(-10),
      terminationCause: 'LI',
      filedAt: `${day(-9)}T09:00:00.000Z`,
    }),
    datasetNotice({ ...base, code: NOTICE_CODES.craft[0], relationshipId: R.craft, employerFiscalCode: CRAFT, workerFiscalCode: W_CR, workerId: ids.cr, workSiteId: SITE.craftBergamo, ccnl: '071' }),
    datasetNotice({ ...base, code: NOTICE_CODES.nodom[0], relationshipId: R.nodom, employerFiscalCode: SHOP, workerFiscalCode: W_NODOM, workerId: ids.nodom, workSiteId: SITE.shopMilano }),
    datasetNotice({ ...base, code: NOTICE_CODES.nowhere[0], relationshipId: R.nowhere, employerFiscalCode: FACTORY, workerFiscalCode: W_NOWHERE, workerId: ids.nowhere }),
    datasetNotice({ ...base, code: NOTICE_CODES.factory[0], relationshipId: R.factory, employerFiscalCode: FACTORY, workerFiscalCode: W_MI, workerId: ids.mi, workSiteId: SITE.factoryCremona }),
  ];
  await seedCompanies(
    graph.em(),
    dataset({
      workers,
      notices,
      employers: [
        datasetEmployer(BUILDER, {
          name: 'Costruzioni Prova S.r.l.',
          ateco: '41.20.00',
          ccnl: 'F012',
          cassaEdileCode: 'MI00',
          sites: [
            { id: SITE.builderBergamo, municipality: '016024', address: 'Via Cantiere 1' },
            { id: SITE.builderMilano, municipality: '015146', address: 'Via Cantiere 2' },
          ],
        }),
        datasetEmployer(SHOP, { name: 'Negozio Prova S.r.l.', sites: [{ id: SITE.shopMilano, municipality: '015146', address: 'Via Negozio 1' }] }),
        datasetEmployer(CRAFT, {
          name: 'Artigiani Prova S.n.c.',
          ateco: '47.52.10',
          ccnl: '071',
          legalSeatMunicipality: '016024',
          sites: [{ id: SITE.craftBergamo, municipality: '016024', address: 'Via Bottega 1' }],
        }),
        datasetEmployer(FACTORY, {
          name: 'Alimentari Prova S.p.A.',
          ateco: '10.11.00',
          legalSeatMunicipality: '019036',
          sites: [{ id: SITE.factoryCremona, municipality: '019036', address: 'Via Fabbrica 1' }],
        }),
      ],
    }),
  );
}
