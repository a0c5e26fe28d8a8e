// The console's status and naming rules, run under Node (the browser modules load through Jest's swc transform).
/* eslint-disable @typescript-eslint/no-require-imports */
const { displayStatus } = require('../public/js/status.js') as typeof import('./browser-helpers');
const { actorName } = require('../public/js/names.js') as typeof import('./browser-helpers');

describe('the status badge an operator can trust', () => {
  it('says backordered when every accepted unit waits for stock, partially when some do', () => {
    expect(displayStatus('accepted', { ordered: '500', accepted: '0', backordered: '500', shipped: '0' })).toBe('backordered');
    expect(displayStatus('accepted', { ordered: '502', accepted: '7', backordered: '495', shipped: '0' })).toBe('partially-backordered');
    expect(displayStatus('accepted', { ordered: '2', accepted: '2', backordered: '0', shipped: '0' })).toBe('accepted');
  });

  it('keeps statuses that already say more than the lines (shipped, invoiced, cancelled)', () => {
    for (const status of ['partially-shipped', 'shipped', 'invoiced', 'cancelled', 'closed', 'flagged'])
      expect(displayStatus(status, { ordered: '5', backordered: '5' })).toBe(status);
    expect(displayStatus('accepted', null)).toBe('accepted');
  });
});

describe('names, never ids, in histories', () => {
  const resolved = new Map<string, string | null>([
    ['partner:0d6f3a52-5b7e-4c1a-9a43-1c2f7d0e0001', 'ACME Retail'],
    ['user:olivia@example.test', 'Olivia Operator'],
    ['partner:gone', null],
  ]);

  it('shows partners and users by name, and says what an unknown one is rather than its id', () => {
    expect(actorName('partner:0d6f3a52-5b7e-4c1a-9a43-1c2f7d0e0001', resolved)).toBe('ACME Retail (EDI partner)');
    expect(actorName('partner:gone', resolved)).toBe('an EDI partner');
    expect(actorName('user:olivia@example.test', resolved)).toBe('Olivia Operator');
    expect(actorName('user:someone@example.test', resolved)).toBe('someone@example.test');
    expect(actorName('channel:email', resolved)).toBe('the email channel');
    expect(actorName('system', resolved)).toBe('the hub');
  });
});
