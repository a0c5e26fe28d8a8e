import { addDays, businessDate } from './business-date';

describe('business dates', () => {
  it('reads today in the given zone', () => {
    const instant = new Date('2025-03-15T23:30:00Z');
    expect(businessDate(instant)).toBe('2025-03-15');
    expect(businessDate(instant, 'Europe/Berlin')).toBe('2025-03-16');
    expect(businessDate(instant, 'America/Los_Angeles')).toBe('2025-03-15');
  });

  it('adds calendar days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-25', 10)).toBe('2026-01-04');
    expect(addDays('2025-03-15', 0)).toBe('2025-03-15');
  });
});
