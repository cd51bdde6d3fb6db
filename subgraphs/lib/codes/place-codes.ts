import { type CodeValidation, invalid } from './validation-result';

/** A Lombardy province with its capital (§12.1). */
export interface LombardyProvince {
  /** ISTAT province code, 3 digits. */
  readonly istatCode: string;
  /** Two-letter abbreviation (sigla) used in addresses and number plates. */
  readonly sigla: string;
  readonly name: string;
  readonly capitalName: string;
  /** ISTAT municipality code of the capital, 6 digits. */
  readonly capitalIstatCode: string;
  /** Belfiore (cadastral) code of the capital. */
  readonly capitalBelfiore: string;
}

/** A municipality (comune) with its two codes. */
export interface Municipality {
  /** ISTAT municipality code: the 3-digit province code followed by a 3-digit serial. */
  readonly istatCode: string;
  /** Belfiore (cadastral) code, as used in the personal fiscal code. */
  readonly belfiore: string;
  readonly name: string;
  /** ISTAT code of the province. */
  readonly provinceIstatCode: string;
}

/** ISTAT code of the Lombardy region. */
export const LOMBARDY_REGION_ISTAT_CODE = '03';

/** The 12 Lombardy provinces and their capitals (§12.1). */
export const LOMBARDY_PROVINCES: readonly LombardyProvince[] = [
  { istatCode: '012', sigla: 'VA', name: 'Varese', capitalName: 'Varese', capitalIstatCode: '012133', capitalBelfiore: 'L682' },
  { istatCode: '013', sigla: 'CO', name: 'Como', capitalName: 'Como', capitalIstatCode: '013075', capitalBelfiore: 'C933' },
  { istatCode: '014', sigla: 'SO', name: 'Sondrio', capitalName: 'Sondrio', capitalIstatCode: '014061', capitalBelfiore: 'I829' },
  { istatCode: '015', sigla: 'MI', name: 'Milano', capitalName: 'Milano', capitalIstatCode: '015146', capitalBelfiore: 'F205' },
  { istatCode: '016', sigla: 'BG', name: 'Bergamo', capitalName: 'Bergamo', capitalIstatCode: '016024', capitalBelfiore: 'A794' },
  { istatCode: '017', sigla: 'BS', name: 'Brescia', capitalName: 'Brescia', capitalIstatCode: '017029', capitalBelfiore: 'B157' },
  { istatCode: '018', sigla: 'PV', name: 'Pavia', capitalName: 'Pavia', capitalIstatCode: '018110', capitalBelfiore: 'G388' },
  { istatCode: '019', sigla: 'CR', name: 'Cremona', capitalName: 'Cremona', capitalIstatCode: '019036', capitalBelfiore: 'D150' },
  { istatCode: '020', sigla: 'MN', name: 'Mantova', capitalName: 'Mantova', capitalIstatCode: '020030', capitalBelfiore: 'E897' },
  { istatCode: '097', sigla: 'LC', name: 'Lecco', capitalName: 'Lecco', capitalIstatCode: '097042', capitalBelfiore: 'E507' },
  { istatCode: '098', sigla: 'LO', name: 'Lodi', capitalName: 'Lodi', capitalIstatCode: '098031', capitalBelfiore: 'E648' },
  { istatCode: '108', sigla: 'MB', name: 'Monza e della Brianza', capitalName: 'Monza', capitalIstatCode: '108033', capitalBelfiore: 'F704' },
];

/** ISTAT codes of the four Milan-area job-centre (CPI) towns of §12.1. */
export const MILAN_CPI_TOWN_ISTAT_CODES: readonly string[] = ['015209', '015077', '015189', '015118'];

/**
 * Lombardy municipalities whose codes are known: the 12 capitals, the Milan-area CPI
 * towns (§12.1 and the AFOL list of §12.5) and a few more in the Milan and Cremona
 * areas, checked against ISTAT's list. A sample for seeds and tests, not the full list
 * of 1,506: that is rebuilt from ISTAT's "Elenco comuni italiani" with validity dates.
 */
export const LOMBARDY_MUNICIPALITIES: readonly Municipality[] = [
  ...LOMBARDY_PROVINCES.map((p) => ({ istatCode: p.capitalIstatCode, belfiore: p.capitalBelfiore, name: p.capitalName, provinceIstatCode: p.istatCode })),
  { istatCode: '015209', belfiore: 'I690', name: 'Sesto San Giovanni', provinceIstatCode: '015' },
  { istatCode: '015077', belfiore: 'C707', name: 'Cinisello Balsamo', provinceIstatCode: '015' },
  { istatCode: '015189', belfiore: 'H623', name: 'Rozzano', provinceIstatCode: '015' },
  { istatCode: '015118', belfiore: 'E514', name: 'Legnano', provinceIstatCode: '015' },
  { istatCode: '015093', belfiore: 'D045', name: 'Corsico', provinceIstatCode: '015' },
  { istatCode: '015130', belfiore: 'E801', name: 'Magenta', provinceIstatCode: '015' },
  { istatCode: '015142', belfiore: 'F119', name: 'Melzo', provinceIstatCode: '015' },
  { istatCode: '015182', belfiore: 'H264', name: 'Rho', provinceIstatCode: '015' },
  { istatCode: '015192', belfiore: 'H827', name: 'San Donato Milanese', provinceIstatCode: '015' },
  { istatCode: '015002', belfiore: 'A010', name: 'Abbiategrasso', provinceIstatCode: '015' },
  { istatCode: '015140', belfiore: 'F100', name: 'Melegnano', provinceIstatCode: '015' },
  { istatCode: '019035', belfiore: 'D142', name: 'Crema', provinceIstatCode: '019' },
];

/**
 * Checks the shape of a Belfiore (cadastral) code: a capital letter and 3 digits;
 * `Z###` denotes a foreign state. Whether the code existed on a given date needs the
 * dated ANPR / ISTAT list, which is not shipped here.
 */
export function validateBelfioreCode(code: string): CodeValidation<{ readonly foreignState: boolean }> {
  if (!/^[A-Z]\d{3}$/.test(code)) return invalid('must be a capital letter followed by 3 digits');
  return { ok: true, value: code, foreignState: code[0] === 'Z' };
}

/** Whether a Belfiore code denotes a foreign state (`Z###`). */
export function isForeignStateCode(code: string): boolean {
  return /^Z\d{3}$/.test(code);
}

/**
 * Checks an ISTAT municipality code: 6 digits, a province code (001 or above) followed
 * by a serial number (001 or above). Province codes are not checked against a list:
 * ISTAT adds new ones when provinces are reorganised.
 */
export function validateIstatMunicipalityCode(code: string): CodeValidation<{ readonly provinceIstatCode: string }> {
  if (!/^\d{6}$/.test(code)) return invalid('must be 6 digits');
  if (code.startsWith('000')) return invalid('digits 1-3 must be a province code (001 or above)');
  if (code.endsWith('000')) return invalid('digits 4-6 must be a municipality serial number (001 or above)');
  return { ok: true, value: code, provinceIstatCode: code.slice(0, 3) };
}

/** Whether a 3-digit ISTAT province code belongs to Lombardy. */
export function isLombardyProvince(istatProvinceCode: string): boolean {
  return LOMBARDY_PROVINCES.some((p) => p.istatCode === istatProvinceCode);
}

/** The Lombardy province of an ISTAT municipality code, or `undefined` outside Lombardy or when malformed. */
export function provinceOfMunicipality(istatMunicipalityCode: string): LombardyProvince | undefined {
  if (!validateIstatMunicipalityCode(istatMunicipalityCode).ok) return undefined;
  return LOMBARDY_PROVINCES.find((p) => p.istatCode === istatMunicipalityCode.slice(0, 3));
}

/** A municipality of {@link LOMBARDY_MUNICIPALITIES} by its ISTAT code or its Belfiore code. */
export function findMunicipality(code: string): Municipality | undefined {
  return LOMBARDY_MUNICIPALITIES.find((m) => m.istatCode === code || m.belfiore === code);
}
