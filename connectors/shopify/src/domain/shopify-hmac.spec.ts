import { signShopifyWebhook, withoutHeader } from '@orderhub/testing';
import { shopifyLibraryAccepts } from '../testing/shopify-library.oracle';
import { normalizeShopDomain, parseShopifyWebhookSecrets, signShopifyBody, verifyShopifyHmac } from './shopify-hmac';
import { readShopifyWebhookHeaders } from './shopify-webhook-headers';

// The module under test calls this exact object's timingSafeEqual, so a spy here sees every comparison.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');

const SECRET = 'shpss_0123456789abcdef0123456789abcdef';
const OLD_SECRET = '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';
const BODY = JSON.stringify({ id: 450789469, name: '#1001', note: 'Zoë’s café ✓' });

/** Our verdict on a delivery, and Shopify's library's verdict on the same bytes and headers, side by side. */
async function verdicts(
  headers: Record<string, string>,
  rawBody: Buffer,
  secrets: readonly string[],
): Promise<{ ours: boolean; shopify: boolean }> {
  const ours = verifyShopifyHmac(rawBody, readShopifyWebhookHeaders(headers).hmac, secrets).ok;
  return { ours, shopify: await shopifyLibraryAccepts(headers, rawBody, secrets) };
}

describe('verifyShopifyHmac', () => {
  it('accepts a delivery signed with the shop secret, as Shopify does (multi-byte UTF-8 body)', async () => {
    const { headers, rawBody } = signShopifyWebhook(BODY, { secret: SECRET });
    expect(await verdicts(headers, rawBody, [SECRET])).toEqual({ ours: true, shopify: true });
  });

  it('rejects a body changed after signing (one byte)', async () => {
    const { headers } = signShopifyWebhook(BODY, { secret: SECRET });
    const tampered = Buffer.from(BODY.replace('#1001', '#1002'), 'utf8');
    expect(await verdicts(headers, tampered, [SECRET])).toEqual({ ours: false, shopify: false });
    expect(verifyShopifyHmac(tampered, readShopifyWebhookHeaders(headers).hmac, [SECRET])).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a signature made with another secret', async () => {
    const { headers, rawBody } = signShopifyWebhook(BODY, { secret: 'someone-else' });
    expect(await verdicts(headers, rawBody, [SECRET])).toEqual({ ours: false, shopify: false });
  });

  it('rejects a delivery without the HMAC header', async () => {
    const { headers, rawBody } = signShopifyWebhook(BODY, { secret: SECRET });
    const unsigned = withoutHeader(headers, 'X-Shopify-Hmac-Sha256');
    expect(await verdicts(unsigned, rawBody, [SECRET])).toEqual({ ours: false, shopify: false });
    expect(verifyShopifyHmac(rawBody, undefined, [SECRET])).toEqual({ ok: false, reason: 'missing-signature' });
  });

  it.each([
    ['not base64 at all', () => 'not base64 at all!!'],
    ['hex instead of base64', (good: string) => Buffer.from(good, 'base64').toString('hex')],
    ['missing padding', (good: string) => good.slice(0, -1)],
    ['a truncated digest', (good: string) => good.slice(0, 20)],
    ['a digest with extra bytes', (good: string) => Buffer.concat([Buffer.from(good, 'base64'), Buffer.from([0])]).toString('base64')],
    ['trailing garbage', (good: string) => `${good}AAAA`],
    ['an empty value', () => ''],
  ])('rejects %s without throwing', async (_name, spoil) => {
    const { headers, rawBody } = signShopifyWebhook(BODY, { secret: SECRET });
    const bad = { ...headers, 'X-Shopify-Hmac-Sha256': spoil(headers['X-Shopify-Hmac-Sha256']) };
    expect(() => verifyShopifyHmac(rawBody, bad['X-Shopify-Hmac-Sha256'], [SECRET])).not.toThrow();
    expect(await verdicts(bad, rawBody, [SECRET])).toEqual({ ours: false, shopify: false });
  });

  it('rejects a non-canonical spelling that decodes to the right digest (Node decodes it leniently, Shopify compares strings)', async () => {
    const { headers, rawBody } = signShopifyWebhook(BODY, { secret: SECRET });
    const good = headers['X-Shopify-Hmac-Sha256'];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    // The 43rd character carries 4 data bits and 2 unused bits; flipping an unused bit keeps the decoded bytes.
    const sibling = alphabet[alphabet.indexOf(good[42]) ^ 1];
    const spelled = `${good.slice(0, 42)}${sibling}=`;
    expect(Buffer.from(spelled, 'base64').equals(Buffer.from(good, 'base64'))).toBe(true);
    const bad = { ...headers, 'X-Shopify-Hmac-Sha256': spelled };
    expect(await verdicts(bad, rawBody, [SECRET])).toEqual({ ours: false, shopify: false });
    expect(verifyShopifyHmac(rawBody, spelled, [SECRET])).toEqual({ ok: false, reason: 'malformed-signature' });
  });

  it('rejects the URL-safe base64 alphabet', async () => {
    // Find a body whose signature contains '+' or '/', so the URL-safe spelling really differs.
    let n = 0;
    let signed = signShopifyWebhook(`{"n":${n}}`, { secret: SECRET });
    while (!/[+/]/.test(signed.headers['X-Shopify-Hmac-Sha256'])) signed = signShopifyWebhook(`{"n":${++n}}`, { secret: SECRET });
    const urlSafe = signed.headers['X-Shopify-Hmac-Sha256'].replace(/\+/g, '-').replace(/\//g, '_');
    const bad = { ...signed.headers, 'X-Shopify-Hmac-Sha256': urlSafe };
    expect(await verdicts(bad, signed.rawBody, [SECRET])).toEqual({ ours: false, shopify: false });
  });

  it('accepts either secret of a shop during a rotation, old or new', async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const { headers, rawBody } = signShopifyWebhook(BODY, { secret });
      expect(await verdicts(headers, rawBody, [SECRET, OLD_SECRET])).toEqual({ ours: true, shopify: true });
    }
  });

  it('accepts nothing for a shop without secrets (an unknown shop)', async () => {
    const { headers, rawBody } = signShopifyWebhook(BODY, { secret: SECRET });
    expect(await verdicts(headers, rawBody, [])).toEqual({ ours: false, shopify: false });
    expect(verifyShopifyHmac(rawBody, headers['X-Shopify-Hmac-Sha256'], [])).toEqual({ ok: false, reason: 'no-secrets' });
  });

  it('compares decoded 32-byte digests with crypto.timingSafeEqual, once per secret, even after a match', () => {
    const spy = jest.spyOn(nodeCrypto, 'timingSafeEqual');
    try {
      const { headers, rawBody } = signShopifyWebhook(BODY, { secret: SECRET });
      expect(verifyShopifyHmac(rawBody, headers['X-Shopify-Hmac-Sha256'], [SECRET, OLD_SECRET]).ok).toBe(true);
      expect(spy).toHaveBeenCalledTimes(2);
      for (const [a, b] of spy.mock.calls) {
        expect(Buffer.isBuffer(a) && Buffer.isBuffer(b)).toBe(true);
        expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
      }
      spy.mockClear();
      verifyShopifyHmac(Buffer.from('other'), headers['X-Shopify-Hmac-Sha256'], [SECRET]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('signs like the test signer (two independent implementations agree)', () => {
    const { headers } = signShopifyWebhook(BODY, { secret: SECRET });
    expect(signShopifyBody(BODY, SECRET)).toBe(headers['X-Shopify-Hmac-Sha256']);
  });
});

describe('normalizeShopDomain', () => {
  it.each([
    ['shop-a.myshopify.com', 'shop-a.myshopify.com'],
    ['Shop-A.MyShopify.com', 'shop-a.myshopify.com'],
    ['0shop.myshopify.com', '0shop.myshopify.com'],
  ])('accepts %s', (input, expected) => expect(normalizeShopDomain(input)).toBe(expected));

  it.each([
    '-shop.myshopify.com',
    'shop.myshopify.com.evil.com',
    'evil.com',
    'shop_a.myshopify.com',
    'a.b.myshopify.com',
    '.myshopify.com',
    'shop.myshopify.com:443',
    '',
  ])('refuses %j', (input) => expect(normalizeShopDomain(input)).toBeUndefined());
});

describe('parseShopifyWebhookSecrets', () => {
  it('reads shop=secret pairs', () => {
    const shops = parseShopifyWebhookSecrets('shop-a.myshopify.com=secret-a, shop-b.myshopify.com=secret-b');
    expect([...shops]).toEqual([
      ['shop-a.myshopify.com', ['secret-a']],
      ['shop-b.myshopify.com', ['secret-b']],
    ]);
  });

  it('gives a shop listed twice both secrets, in order (rotation)', () => {
    const shops = parseShopifyWebhookSecrets('shop-a.myshopify.com=new,shop-a.myshopify.com=old');
    expect(shops.get('shop-a.myshopify.com')).toEqual(['new', 'old']);
  });

  it("keeps '=' inside a secret", () => {
    expect(parseShopifyWebhookSecrets('shop-a.myshopify.com=abc==').get('shop-a.myshopify.com')).toEqual(['abc==']);
  });

  it.each([undefined, '', '   '])('treats %j as the channel being off', (value) => {
    expect(parseShopifyWebhookSecrets(value).size).toBe(0);
  });

  it.each([
    ['shop-a.myshopify.com', /entry 1 of 1 has no '='/],
    ['shop-a.myshopify.com=s1,,shop-b.myshopify.com=s2', /entry 2 of 3 is empty/],
    ['shop-a.myshopify.com=', /\(shop-a\.myshopify\.com\) has an empty secret/],
    ['shop-a.example.com=topsecret', /"shop-a\.example\.com" is not a shop domain/],
    ['shop-a.myshopify.com=top secret', /secret contains whitespace/],
  ])('refuses %j with a message naming the entry', (value, message) => {
    expect(() => parseShopifyWebhookSecrets(value)).toThrow(message);
  });

  it('never echoes a secret in its error', () => {
    expect(() => parseShopifyWebhookSecrets('shop-a.myshopify.com=ok,bad.example.com=hunter2')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
