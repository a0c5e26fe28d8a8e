export * from './shopify-webhook.signer';
export * from './shopify-order-payload.builder';
