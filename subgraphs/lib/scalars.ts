import { DateTimeResolver } from 'graphql-scalars';
import { codeScalar } from './code-scalar';
import {
  validateAtecoCode,
  validateBelfioreCode,
  validateContractTypeFormat,
  validateFiscalCode,
  validateIstatMunicipalityCode,
} from './codes';
import { validateIsoDate } from './dates';

/** Codice fiscale: 16-character personal code (omocodia aware) or 11-digit numeric code. */
export const FiscalCodeScalar = codeScalar(
  'FiscalCode',
  'Codice fiscale: the 16-character personal code (check character, omocodic variants, existing birth date; day + 40 for women) or the 11-digit numeric code of companies and provisional personal codes (check digit). Upper case.',
  validateFiscalCode,
);

/** Codice catastale (Belfiore): a municipality, or `Z###` for a foreign state. */
export const BelfioreCodeScalar = codeScalar(
  'BelfioreCode',
  'Codice catastale (Belfiore) of a municipality, or Z followed by three digits for a foreign state, e.g. F205 (Milano).',
  validateBelfioreCode,
);

/** Six-digit ISTAT municipality code (`015146` is Milano). */
export const IstatMunicipalityCodeScalar = codeScalar(
  'IstatMunicipalityCode',
  'Codice ISTAT del comune: three digits of province and three of municipality, e.g. 015146 (Milano).',
  validateIstatMunicipalityCode,
);

/** Contract-type code of the ministerial table (`A.01.00`). */
export const ContractTypeCodeScalar = codeScalar(
  'ContractTypeCode',
  'Tipologia contrattuale: a code of the ministerial table ST-TIPO CONTRATTI in the form A.01.00.',
  validateContractTypeFormat,
);

/** ATECO 2007 activity code or section letter. */
export const AtecoCodeScalar = codeScalar(
  'AtecoCode',
  'Codice ATECO (ISTAT classification of economic activities, NACE Rev. 2): a section letter or a code such as 41.20.00.',
  validateAtecoCode,
);

/** A calendar date without time zone, `YYYY-MM-DD`. */
export const DateScalar = codeScalar('Date', 'A calendar date, ISO 8601 YYYY-MM-DD, without time zone.', validateIsoDate);

/** A point in time, RFC 3339. */
export const DateTimeScalar = DateTimeResolver;
