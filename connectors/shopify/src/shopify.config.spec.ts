import { DEFAULT_MAX_BODY_BYTES, ShopifyConfig } from './shopify.config';

describe('ShopifyConfig.fromEnv', () => {
  it('reads the shops and the default 1 MiB limit', () => {
    const config = ShopifyConfig.fromEnv({ SHOPIFY_WEBHOOK_SECRETS: 'shop-a.myshopify.com=s1,shop-a.myshopify.com=s0' });
    expect(config.enabled).toBe(true);
    expect(config.secretsFor('shop-a.myshopify.com')).toEqual(['s1', 's0']);
    expect(config.secretsFor('shop-b.myshopify.com')).toBeUndefined();
    expect(config.maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(config.describe()).toBe('shopify webhooks accepted from shop-a.myshopify.com (2 secrets); max body 1048576 bytes');
    expect(config.describe()).not.toContain('s1');
  });

  it('is off when SHOPIFY_WEBHOOK_SECRETS is unset', () => {
    expect(ShopifyConfig.fromEnv({}).enabled).toBe(false);
  });

  it('takes SHOPIFY_WEBHOOK_MAX_BYTES', () => {
    expect(ShopifyConfig.fromEnv({ SHOPIFY_WEBHOOK_MAX_BYTES: '65536' }).maxBodyBytes).toBe(65536);
  });

  it.each(['0', '-1', '1.5', '1mb', '999999999999'])('refuses SHOPIFY_WEBHOOK_MAX_BYTES=%j, naming the variable', (value) => {
    expect(() => ShopifyConfig.fromEnv({ SHOPIFY_WEBHOOK_MAX_BYTES: value })).toThrow(
      /SHOPIFY_WEBHOOK_MAX_BYTES=.* is not a whole number of bytes from 1 to/,
    );
  });

  it('refuses a bad SHOPIFY_WEBHOOK_SECRETS at boot', () => {
    expect(() => ShopifyConfig.fromEnv({ SHOPIFY_WEBHOOK_SECRETS: 'shop-a=secret' })).toThrow(
      /^config error: SHOPIFY_WEBHOOK_SECRETS is not a comma-separated list of shop=secret: entry 1 of 1: "shop-a" is not a shop domain.*; example: SHOPIFY_WEBHOOK_SECRETS=my-shop.myshopify.com=\S+$/,
    );
  });
});
