import { expect } from 'vitest';
import { type PersonalData } from '../../../subgraphs/lib/codes';

/** Fixed "today" for decoding, so that two-digit years resolve the same way in every run. */
export const REFERENCE_DATE = '2025-06-30';

/** The synthetic personal codes of domain.md §2.2 with the data they encode. */
export const DOCUMENTED_PERSONAL_CODES = [
  { code: 'RSSMRA85T10A562S', birthDate: '1985-12-10', sex: 'M', birthPlace: 'A562', label: 'the first documented vector' },
  { code: 'VRNGNY07D68C351V', birthDate: '2007-04-28', sex: 'F', birthPlace: 'C351', label: 'the documented female vector' },
  { code: 'RSSMRC80A01F205Z', birthDate: '1980-01-01', sex: 'M', birthPlace: 'F205', label: 'the documented vector born in Milano' },
  { code: 'RSSMRA79B11C566R', birthDate: '1979-02-11', sex: 'M', birthPlace: 'C566', label: 'the documented February vector' },
] as const;

/** The 11-digit codes of domain.md §2.4. */
export const DOCUMENTED_NUMERIC_CODES = ['86334519757', '02877740213', '03472640170', '02342520158', '00297960197', '80003380195', '93027560197'];

/** Deterministic PRNG (mulberry32): the same seed gives the same sequence, so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ma', 'ri', 'ro', 'ssi', 'bel', 'lo', 'gian', 'ni', 'an', 'to', 'fra', 'ce', 'sco', 'lu', 'ca', 'de', 'gli', 'chi', 'a', 'e', 'o', 'u', 'i', 'y', 'wal', 'ter', 'kri', 'zz', 'xa', 'jo', 'nè', 'là', 'mö'];
const PREFIXES = ['', '', '', '', "d'", 'de ', 'la ', 'van '];
const DAY_MS = 86_400_000;

/** A random person born within the hundred years up to {@link REFERENCE_DATE}; every fifth is born on 29 February. */
export function randomPerson(random: () => number, index: number): PersonalData {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const name = (): string => pick(PREFIXES) + Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(SYLLABLES)).join('');
  let birthDate: string;
  if (index % 5 === 0) {
    birthDate = `${1928 + 4 * Math.floor(random() * 25)}-02-29`;
  } else {
    const first = Date.UTC(1925, 6, 1);
    const last = Date.UTC(2025, 5, 30);
    birthDate = new Date(first + Math.floor(random() * ((last - first) / DAY_MS + 1)) * DAY_MS).toISOString().slice(0, 10);
  }
  const letter = String.fromCharCode(65 + Math.floor(random() * 26));
  return {
    lastName: name(),
    firstName: name(),
    birthDate,
    sex: random() < 0.5 ? 'M' : 'F',
    birthPlace: letter + String(Math.floor(random() * 1000)).padStart(3, '0'),
  };
}

/** Asserts that a rejection reason quotes no part of the input: no run of 3 of its characters appears in it. */
export function expectReasonWithoutInput(reason: string, input: string): void {
  for (const text of [input, input.trim().toUpperCase()]) {
    for (let i = 0; i + 3 <= text.length; i++) expect(reason).not.toContain(text.slice(i, i + 3));
  }
}
