import { describe, expect, it } from 'vitest';
import {
  findMunicipality,
  isForeignStateCode,
  isLombardyProvince,
  LOMBARDY_MUNICIPALITIES,
  LOMBARDY_PROVINCES,
  MILAN_CPI_TOWN_ISTAT_CODES,
  provinceOfMunicipality,
  validateBelfioreCode,
  validateIstatMunicipalityCode,
} from '../../../subgraphs/lib/codes';

describe('place codes', () => {
  it('the province table has the 12 Lombardy provinces, each capital coded inside its province', () => {
    expect(LOMBARDY_PROVINCES.map((p) => p.sigla).sort()).toEqual(['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MB', 'MI', 'MN', 'PV', 'SO', 'VA']);
    expect(new Set(LOMBARDY_PROVINCES.map((p) => p.istatCode)).size).toBe(12);
    for (const p of LOMBARDY_PROVINCES) {
      expect(p.capitalIstatCode.startsWith(p.istatCode)).toBe(true);
      expect(validateIstatMunicipalityCode(p.capitalIstatCode).ok).toBe(true);
      expect(validateBelfioreCode(p.capitalBelfiore)).toMatchObject({ ok: true, foreignState: false });
    }
  });

  it('the municipality table is consistent: valid unique codes inside Lombardy provinces, CPI towns included', () => {
    expect(new Set(LOMBARDY_MUNICIPALITIES.map((m) => m.istatCode)).size).toBe(LOMBARDY_MUNICIPALITIES.length);
    expect(new Set(LOMBARDY_MUNICIPALITIES.map((m) => m.belfiore)).size).toBe(LOMBARDY_MUNICIPALITIES.length);
    for (const m of LOMBARDY_MUNICIPALITIES) {
      expect(validateIstatMunicipalityCode(m.istatCode)).toMatchObject({ ok: true, provinceIstatCode: m.provinceIstatCode });
      expect(validateBelfioreCode(m.belfiore).ok).toBe(true);
      expect(isLombardyProvince(m.provinceIstatCode)).toBe(true);
    }
    for (const code of MILAN_CPI_TOWN_ISTAT_CODES) expect(provinceOfMunicipality(code)?.sigla).toBe('MI');
    expect(MILAN_CPI_TOWN_ISTAT_CODES.map((code) => findMunicipality(code)?.belfiore)).toEqual(['I690', 'C707', 'H623', 'E514']);
  });

  it('a Belfiore code is a capital letter and 3 digits, Z### being a foreign state', () => {
    expect(validateBelfioreCode('F205')).toEqual({ ok: true, value: 'F205', foreignState: false });
    expect(validateBelfioreCode('Z222')).toEqual({ ok: true, value: 'Z222', foreignState: true });
    expect(isForeignStateCode('Z222')).toBe(true);
    expect(isForeignStateCode('F205')).toBe(false);
    for (const code of ['f205', 'F20', 'F2055', '1205', 'FF05', ' F205', '']) {
      expect(validateBelfioreCode(code)).toEqual({ ok: false, reason: 'must be a capital letter followed by 3 digits' });
    }
  });

  it('an ISTAT municipality code is 6 digits: a province code and a serial number, neither 000', () => {
    expect(validateIstatMunicipalityCode('015146')).toEqual({ ok: true, value: '015146', provinceIstatCode: '015' });
    for (const code of ['15146', '0151460', '01514A', '']) expect(validateIstatMunicipalityCode(code)).toEqual({ ok: false, reason: 'must be 6 digits' });
    expect(validateIstatMunicipalityCode('000146')).toMatchObject({ ok: false, reason: expect.stringContaining('digits 1-3') });
    expect(validateIstatMunicipalityCode('015000')).toMatchObject({ ok: false, reason: expect.stringContaining('digits 4-6') });
  });

  it('municipalities map to their Lombardy province, and others to none', () => {
    expect(provinceOfMunicipality('015146')?.name).toBe('Milano');
    expect(provinceOfMunicipality('019035')?.sigla).toBe('CR');
    expect(provinceOfMunicipality('108033')?.capitalName).toBe('Monza');
    expect(provinceOfMunicipality('001272')).toBeUndefined();
    expect(provinceOfMunicipality('15146')).toBeUndefined();
    expect(isLombardyProvince('019')).toBe(true);
    expect(isLombardyProvince('001')).toBe(false);
    expect(isLombardyProvince('MI')).toBe(false);
  });

  it('municipalities are found by either code', () => {
    expect(findMunicipality('F205')?.istatCode).toBe('015146');
    expect(findMunicipality('015146')?.belfiore).toBe('F205');
    expect(findMunicipality('H501')).toBeUndefined();
  });
});
