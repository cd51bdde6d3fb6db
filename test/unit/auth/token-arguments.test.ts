import { describe, expect, it } from 'vitest';
import { encodeNumericFiscalCode, encodePersonalFiscalCode } from '../../../subgraphs/lib/codes';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { parseTokenArguments, TokenArgumentError } from '../../../subgraphs/lib/auth/token-arguments';

// Synthetic codes, computed by the algorithm.
const EMPLOYER = encodeNumericFiscalCode('7654321', '015');
const PERSON = encodePersonalFiscalCode({ lastName: 'Prova', firstName: 'Utente', birthDate: '1990-03-04', sex: 'F', birthPlace: 'D150' });

describe('npm run token arguments', () => {
  it('applies the defaults: org DEV-ORG, sub dev-operator, ttl 3600, a plain token', () => {
    expect(parseTokenArguments(['--role', 'CPI_OPERATOR', '--purpose', 'EMPLOYMENT_SERVICES', '--territory', '015'])).toEqual({
      role: Role.CPI_OPERATOR,
      purposes: [Purpose.EMPLOYMENT_SERVICES],
      organisation: 'DEV-ORG',
      subject: 'dev-operator',
      territory: ['015'],
      employers: [],
      ttlSeconds: 3600,
      voucher: false,
      help: false,
    });
  });

  it('reads every flag, repeated ones and --flag=value included', () => {
    const args = parseTokenArguments([
      '--role=EMPLOYER', '--purpose', 'MANDATORY_NOTICE', '--purpose', 'EMPLOYMENT_SERVICES', '--org', 'STUDIO-1', '--sub', 'consultant-3',
      '--territory', '015', '--territory=015146', '--employer', EMPLOYER, '--ttl', '120',
    ]);
    expect(args).toMatchObject({
      role: Role.EMPLOYER,
      purposes: [Purpose.MANDATORY_NOTICE, Purpose.EMPLOYMENT_SERVICES],
      organisation: 'STUDIO-1',
      subject: 'consultant-3',
      territory: ['015', '015146'],
      employers: [EMPLOYER],
      ttlSeconds: 120,
    });
  });

  it('makes a voucher with exactly one purpose', () => {
    expect(parseTokenArguments(['--role', 'CASSA_EDILE', '--purpose', 'REGULARITY_CHECK', '--voucher']).voucher).toBe(true);
    expect(() => parseTokenArguments(['--role', 'CASSA_EDILE', '--purpose', 'REGULARITY_CHECK', '--purpose', 'TRAINING_RECORD', '--voucher'])).toThrow(/exactly one --purpose/);
  });

  it("upper-cases a citizen's fiscal code and requires one", () => {
    expect(parseTokenArguments(['--role', 'CITIZEN', '--purpose', 'SELF_SERVICE', '--sub', PERSON.toLowerCase()]).subject).toBe(PERSON);
    expect(() => parseTokenArguments(['--role', 'CITIZEN', '--purpose', 'SELF_SERVICE'])).toThrow(/--sub of a CITIZEN/);
  });

  it('stops at --help without requiring the rest', () => {
    expect(parseTokenArguments(['--help']).help).toBe(true);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown role', ['--role', 'ROOT', '--purpose', 'REFERRAL'], /unknown role "ROOT"; one of: CPI_OPERATOR/],
    ['an unknown purpose', ['--role', 'CPI_OPERATOR', '--purpose', 'MARKETING'], /unknown purpose "MARKETING"/],
    ['an unknown flag', ['--role', 'CPI_OPERATOR', '--purpose', 'REFERRAL', '--admin'], /unknown option --admin/],
    ['a stray argument', ['CPI_OPERATOR'], /unexpected argument/],
    ['a bad ISTAT code', ['--role', 'CPI_OPERATOR', '--purpose', 'REFERRAL', '--territory', '15'], /--territory "15" must be an ISTAT province code/],
    ['a municipality serial 000', ['--role', 'CPI_OPERATOR', '--purpose', 'REFERRAL', '--territory', '015000'], /--territory "015000" digits 4-6/],
    ['a zero ttl', ['--role', 'CPI_OPERATOR', '--purpose', 'REFERRAL', '--ttl', '0'], /--ttl must be a positive integer/],
    ['a fractional ttl', ['--role', 'CPI_OPERATOR', '--purpose', 'REFERRAL', '--ttl', '1.5'], /--ttl must be a positive integer/],
    ['a missing value', ['--role', 'CPI_OPERATOR', '--purpose'], /--purpose needs a value/],
    ['a flag as value', ['--role', '--purpose', 'REFERRAL'], /--role needs a value/],
    ['a repeated single flag', ['--role', 'CPI_OPERATOR', '--role', 'EMPLOYER', '--purpose', 'REFERRAL'], /--role is given more than once/],
    ['no role', ['--purpose', 'REFERRAL'], /--role is required/],
    ['no purpose', ['--role', 'CPI_OPERATOR'], /at least one --purpose/],
    ['a value on a switch', ['--role', 'CPI_OPERATOR', '--purpose', 'REFERRAL', '--voucher=yes'], /--voucher takes no value/],
  ];

  it.each(bad)('refuses %s', (_name, argv, message) => {
    expect(() => parseTokenArguments(argv)).toThrow(TokenArgumentError);
    expect(() => parseTokenArguments(argv)).toThrow(message);
  });

  it('refuses an invalid employer fiscal code without repeating it', () => {
    const wrong = EMPLOYER.slice(0, 10) + ((Number(EMPLOYER[10]) + 1) % 10);
    const error = (() => {
      try {
        parseTokenArguments(['--role', 'EMPLOYER', '--purpose', 'MANDATORY_NOTICE', '--employer', EMPLOYER, '--employer', wrong]);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(TokenArgumentError);
    expect(error.message).toMatch(/--employer #2 is not a valid fiscal code/);
    expect(error.message).not.toContain(wrong);
  });
});
