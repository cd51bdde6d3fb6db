import { describe, expect, it } from 'vitest';
import { checkAddress, checkEmail, checkItalianPhone } from '../../../subgraphs/workers/contacts/worker-contacts.validation';

// The rules a person's own contacts follow (updateMyContacts): Italian numbers normalised to
// +39 and digits, e-mail syntax, five-digit postcodes; a problem never repeats the value.
describe('contact validation', () => {
  it.each([
    ['+39 347 123 4567', true, '+393471234567'],
    ['0039 347.123.4567', true, '+393471234567'],
    ['02/1234-5678', false, '+390212345678'],
    ['(0372) 41 23 45', false, '+390372412345'],
    ['347 1234567', false, '+393471234567'],
  ])('accepts %s (mobile only: %s)', (raw, mobileOnly, value) => {
    expect(checkItalianPhone('input.phone', raw, mobileOnly)).toEqual({ value, problems: [] });
  });

  it.each([
    ['02 1234567', true],
    ['12345', false],
    ['+44 20 7946 0000', false],
    ['347 12', false],
    ['347-CALL-ME', false],
  ])('refuses %s (mobile only: %s), naming the path and not the value', (raw, mobileOnly) => {
    const checked = checkItalianPhone('input.mobilePhone', raw, mobileOnly);
    expect(checked.value).toBeNull();
    expect(checked.problems.map((p) => p.path)).toEqual(['input.mobilePhone']);
    expect(checked.problems[0]!.message).not.toContain(raw);
  });

  it('accepts e-mail addresses, lower-casing the domain only, and refuses malformed ones', () => {
    expect(checkEmail('e', ' Mario.Rossi+cpi@Example.ORG ')).toEqual({ value: 'Mario.Rossi+cpi@example.org', problems: [] });
    for (const bad of ['plain', 'a@b', 'a@@example.org', '.a@example.org', 'a..b@example.org', 'a@-example.org', `${'x'.repeat(65)}@example.org`, 'a b@example.org']) {
      expect(checkEmail('input.email', bad).problems.map((p) => p.path)).toEqual(['input.email']);
    }
  });

  it('normalises an address and lists every problem of a bad one', () => {
    expect(checkAddress('a', { street: '  Via   Roma ', streetNumber: '12/b', postcode: '20121' })).toEqual({ value: { street: 'Via Roma', streetNumber: '12/B', postcode: '20121' }, problems: [] });
    expect(checkAddress('a', { street: 'Via Roma', streetNumber: 'snc', postcode: '20121' }).value?.streetNumber).toBe('SNC');
    expect(checkAddress('a', { street: '', streetNumber: '-', postcode: '2012A' }).problems.map((p) => p.path)).toEqual(['a.street', 'a.streetNumber', 'a.postcode']);
  });
});
