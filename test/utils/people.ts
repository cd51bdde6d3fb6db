import { encodePersonalFiscalCode } from '../../subgraphs/lib/codes';
import { Sex, Worker } from '../../subgraphs/workers/worker/worker.entity';

const FIRST = ['Luca', 'Giulia', 'Marco', 'Sara', 'Paolo', 'Anna', 'Davide', 'Elena', 'Franco', 'Irene'];
const LAST = ['Brambilla', 'Colombo', 'Ferrari', 'Galli', 'Longoni', 'Mauri', 'Pozzi', 'Redaelli', 'Sala', 'Villa'];

/**
 * Synthetic people for tests: the n-th person is always the same, and the fiscal code is
 * built by the encoder, so it is valid without being anyone's.
 */
export function person(n: number, overrides: Partial<Worker> = {}): Partial<Worker> & { fiscalCode: string } {
  const sex = n % 2 === 0 ? Sex.MALE : Sex.FEMALE;
  const firstName = FIRST[n % FIRST.length]!;
  const lastName = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
  const birthDate = `${1960 + (n % 40)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
  const birthPlace = ['F205', 'D150', 'A794', 'B157'][n % 4]!;
  const province = ['015', '019', '016', '017'][n % 4]!;
  const municipality = { '015': '015146', '019': '019036', '016': '016024', '017': '017029' }[province]!;
  const fiscalCode = encodePersonalFiscalCode({ lastName, firstName, birthDate, sex: sex === Sex.MALE ? 'M' : 'F', birthPlace });
  return {
    fiscalCode,
    firstName,
    lastName,
    sex,
    birthDate,
    birthPlace,
    citizenship: '000',
    domicileMunicipality: municipality,
    domicileProvince: province,
    ...overrides,
  };
}
