import { describe, expect, it } from 'vitest';
import { CodeRegistry } from '../../scripts/seed/population';
import { isConstruction, LOMBARDY_PROVINCES, omocodeVariant, validateFiscalCode, validatePersonalFiscalCode } from '../../subgraphs/lib/codes';
import { employerProblems, servicePointProblems, workerProblems } from './dataset-rules';
import { demoDataset, tally, TODAY } from './fixture';

describe('demo data set: people, employers and service points', () => {
  const data = demoDataset();

  it('has 2,000 workers whose fiscal codes validate and encode their personal data', () => {
    expect(data.workers).toHaveLength(2000);
    expect(data.workers.every((w) => validateFiscalCode(w.fiscalCode, { referenceDate: TODAY }).ok)).toBe(true);
    expect(workerProblems(data, TODAY)).toEqual([]);
  });

  it('spreads domiciles over all 12 provinces, Milan the largest', () => {
    const byProvince = tally(data.workers, (w) => w.domicileProvince);
    expect(Object.keys(byProvince).sort()).toEqual(LOMBARDY_PROVINCES.map((p) => p.istatCode).sort());
    const largest = Object.entries(byProvince).sort((a, b) => b[1] - a[1])[0]![0];
    expect(largest).toBe('015');
    // Milan holds about 30% of Lombardy's population.
    expect(byProvince['015']! / data.workers.length).toBeGreaterThan(0.25);
    expect(byProvince['015']! / data.workers.length).toBeLessThan(0.4);
  });

  it('has about 10% foreign-born workers, most with a foreign citizenship, and about 1% provisional codes', () => {
    const foreign = data.workers.filter((w) => w.birthPlace.startsWith('Z'));
    expect(foreign.length / data.workers.length).toBeGreaterThan(0.07);
    expect(foreign.length / data.workers.length).toBeLessThan(0.13);
    expect(foreign.filter((w) => w.citizenship !== '000').length / foreign.length).toBeGreaterThan(0.6);
    const provisional = data.workers.filter((w) => w.provisionalFiscalCode);
    expect(provisional.length).toBeGreaterThan(5);
    expect(provisional.length / data.workers.length).toBeLessThan(0.03);
    expect(provisional.every((w) => /^\d{11}$/.test(w.fiscalCode))).toBe(true);
    expect(data.workers.filter((w) => !w.provisionalFiscalCode).every((w) => w.fiscalCode.length === 16)).toBe(true);
  });

  it('gives a second person with the same personal data the first omocodic variant, as the Agenzia would', () => {
    const registry = new CodeRegistry();
    const person = { firstName: 'Mario', lastName: 'Rossi', birthDate: '1985-12-10', sex: 'M' as const, birthPlace: 'F205' };
    const first = registry.personal(person);
    const second = registry.personal(person);
    expect(second).not.toBe(first);
    expect(second).toBe(omocodeVariant(first, 1));
    const decoded = validatePersonalFiscalCode(second);
    expect(decoded.ok && decoded.omocodic && decoded.birthDate === '1985-12-10').toBe(true);
  });

  it('gives every worker a professional record that fits their life', () => {
    expect(data.workers.every((w) => w.education.length >= 1)).toBe(true);
    expect(data.workers.some((w) => w.declaredExperience.length > 0)).toBe(true);
    expect(data.workers.some((w) => w.training.some((t) => t.source === 'CASSA_EDILE'))).toBe(true);
  });

  it('has 300 employers, 15-35% of them in construction with a Cassa Edile and a construction CCNL', () => {
    expect(data.employers).toHaveLength(300);
    const construction = data.employers.filter((e) => isConstruction(e.ateco));
    expect(construction.length / data.employers.length).toBeGreaterThanOrEqual(0.15);
    expect(construction.length / data.employers.length).toBeLessThanOrEqual(0.35);
    expect(construction.every((e) => e.cassaEdileCode !== null)).toBe(true);
    expect(data.employers.filter((e) => e.publicAdministration).length).toBeGreaterThan(0);
    expect(data.employers.some((e) => e.fiscalCode.length === 16)).toBe(true);
    expect(employerProblems(data)).toEqual([]);
  });

  it('spreads employers over several ATECO sections', () => {
    const sections = new Set(data.employers.map((e) => e.ateco.slice(0, 2)));
    expect(sections.size).toBeGreaterThan(15);
  });

  it('has the service points of the Lombardy network, desks under the Milan job centre', () => {
    expect(servicePointProblems(data)).toEqual([]);
    const desks = data.servicePoints.filter((s) => s.kind === 'JOB_CENTRE_DESK');
    expect(desks.map((d) => d.code)).toContain('DESK-015-SANSIRO');
    expect(desks.every((d) => d.parentCode === 'CPI-015-MILANO' && d.publicHousingNeighbourhood)).toBe(true);
    expect(data.servicePoints.find((s) => s.code === 'DESK-015-SANSIRO')?.address).toBe('Via Paravia 26');
    expect(data.servicePoints.filter((s) => s.kind === 'JOB_CENTRE' && s.province === '015').length).toBe(9);
  });
});
