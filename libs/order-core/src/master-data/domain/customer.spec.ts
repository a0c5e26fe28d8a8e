import { emailLookupKeys, isValidEmailEntry, matchCustomerByEmail, normalizeEmailEntry } from './customer';

describe('email entries', () => {
  it('are lower-cased, and a bare domain means the whole domain', () => {
    expect(normalizeEmailEntry(' Buyer@Example.COM ')).toBe('buyer@example.com');
    expect(normalizeEmailEntry('@Example.com')).toBe('@example.com');
    expect(normalizeEmailEntry('example.com')).toBe('@example.com');
  });

  it('must be an address or a domain', () => {
    expect(isValidEmailEntry('jane@example.com')).toBe(true);
    expect(isValidEmailEntry('@example.com')).toBe(true);
    expect(isValidEmailEntry('jane@')).toBe(false);
    expect(isValidEmailEntry('not an address')).toBe(false);
  });

  it('look a sender up by the exact address, then by its domain, unwrapping display names', () => {
    expect(emailLookupKeys('Jane Buyer <Jane@Example.com>')).toEqual(['jane@example.com', '@example.com']);
    expect(emailLookupKeys('nobody')).toEqual([]);
  });
});

describe('matchCustomerByEmail', () => {
  const domainOwner = { code: 'EXHW', emails: ['@example.com'] };
  const reseller = { code: 'RESELL', emails: ['reseller@example.com'] };
  const other = { code: 'OTHER', emails: ['orders@other.example'] };

  it('prefers an exact address over a domain entry', () => {
    expect(matchCustomerByEmail([domainOwner, reseller, other], 'Reseller@example.com')?.code).toBe('RESELL');
  });

  it('falls back to the domain entry for any other address at that domain', () => {
    expect(matchCustomerByEmail([domainOwner, reseller, other], 'someone@example.com')?.code).toBe('EXHW');
  });

  it('does not treat a subdomain as the domain', () => {
    expect(matchCustomerByEmail([domainOwner], 'a@mail.example.com')).toBeNull();
  });

  it('answers null for unknown senders and picks the lowest code on a tie', () => {
    expect(matchCustomerByEmail([other], 'x@unknown.example')).toBeNull();
    expect(
      matchCustomerByEmail(
        [
          { code: 'B', emails: ['@d.example'] },
          { code: 'A', emails: ['@d.example'] },
        ],
        'x@d.example',
      )?.code,
    ).toBe('A');
  });
});
