import { describe, expect, it } from 'vitest';
import { type CompetenceFacts, CompetenceRule, competentJobCentre, competentSocialServices, type DirectoryPoint } from '../../../subgraphs/referrals/competence/competence';
import { ServicePointKind } from '../../../subgraphs/referrals/service-point/service-point.entity';

const point = (code: string, kind: ServicePointKind, municipality: string): DirectoryPoint => ({ code, kind, municipality, province: municipality.slice(0, 3) });

const DIRECTORY: DirectoryPoint[] = [
  point('CPI-MI', ServicePointKind.JOB_CENTRE, '015146'),
  point('CPI-MI-DESK', ServicePointKind.JOB_CENTRE_DESK, '015146'),
  point('CPI-RHO', ServicePointKind.JOB_CENTRE, '015182'),
  point('CPI-CR', ServicePointKind.JOB_CENTRE, '019036'),
  point('CPI-BG', ServicePointKind.JOB_CENTRE, '016024'),
  point('SS-MI', ServicePointKind.SOCIAL_SERVICES, '015146'),
  point('SS-CR', ServicePointKind.SOCIAL_SERVICES, '019036'),
  point('CE-MI', ServicePointKind.CASSA_EDILE, '015146'),
];

describe('the competent job centre', () => {
  it.each<[string, CompetenceFacts, string | null, CompetenceRule | null]>([
    ['the service-pact holder wins over every other', { domicileMunicipality: '015146', servicePactJobCentre: 'CPI-CR', availabilityJobCentre: 'CPI-BG', recordJobCentre: 'CPI-RHO' }, 'CPI-CR', CompetenceRule.SERVICE_PACT],
    ['then the DID holder', { domicileMunicipality: '015146', availabilityJobCentre: 'CPI-BG', recordJobCentre: 'CPI-RHO' }, 'CPI-BG', CompetenceRule.AVAILABILITY_DECLARATION],
    ['then the record (SAP) holder', { domicileMunicipality: '015146', recordJobCentre: 'CPI-RHO' }, 'CPI-RHO', CompetenceRule.PROFESSIONAL_RECORD],
    ['then the job centre of the municipality of domicile', { domicileMunicipality: '015182' }, 'CPI-RHO', CompetenceRule.DOMICILE],
    ['else a job centre of the province of domicile', { domicileMunicipality: '015999' }, 'CPI-MI', CompetenceRule.DOMICILE],
    ['a desk may hold the pact', { domicileMunicipality: '019036', servicePactJobCentre: 'CPI-MI-DESK' }, 'CPI-MI-DESK', CompetenceRule.SERVICE_PACT],
    ['a holder not in the directory is skipped', { domicileMunicipality: '015146', servicePactJobCentre: 'CPI-GONE', availabilityJobCentre: 'CPI-CR' }, 'CPI-CR', CompetenceRule.AVAILABILITY_DECLARATION],
    ['a holder that is not a job centre is skipped', { domicileMunicipality: '019036', servicePactJobCentre: 'CE-MI' }, 'CPI-CR', CompetenceRule.DOMICILE],
    ['none in a province without a job centre', { domicileMunicipality: '097001' }, null, null],
  ])('%s', (_label, facts, code, rule) => {
    const found = competentJobCentre(facts, DIRECTORY);
    expect(found?.point.code ?? null).toBe(code);
    expect(found?.rule ?? null).toBe(rule);
  });
});

describe('the competent social services', () => {
  it.each<[string, CompetenceFacts, string | null, CompetenceRule | null]>([
    ['the municipality in charge of the inclusion pact wins over the domicile', { domicileMunicipality: '015146', inclusionPactMunicipality: '019036' }, 'SS-CR', CompetenceRule.INCLUSION_PACT],
    ['else the municipality of domicile', { domicileMunicipality: '015146' }, 'SS-MI', CompetenceRule.DOMICILE],
    ['a pact municipality without social services falls back to the domicile', { domicileMunicipality: '019036', inclusionPactMunicipality: '016024' }, 'SS-CR', CompetenceRule.DOMICILE],
    ['a job-centre holder does not decide it', { domicileMunicipality: '019036', servicePactJobCentre: 'CPI-MI' }, 'SS-CR', CompetenceRule.DOMICILE],
    ['none in a municipality without social services', { domicileMunicipality: '016024' }, null, null],
  ])('%s', (_label, facts, code, rule) => {
    const found = competentSocialServices(facts, DIRECTORY);
    expect(found?.point.code ?? null).toBe(code);
    expect(found?.rule ?? null).toBe(rule);
  });
});
