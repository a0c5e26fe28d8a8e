import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Installs the library's Node runtime adapter (a side-effect import). Loaded with require because TypeScript's
// "node" resolution ignores the package's exports map and would type-check the adapter's .ts sources instead.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@shopify/shopify-api/adapters/node');

/**
 * Shopify's own webhook validator (@shopify/shopify-api 13.1.0, `shopify.webhooks.validate`) as an independent
 * oracle for our HMAC decisions. The library knows one secret per app and nothing of shops, so the oracle
 * accepts when any of the secrets we hold for the shop named in the header validates the delivery; a shop we do
 * not configure has no secrets, and nothing validates.
 */
export async function shopifyLibraryAccepts(
  headers: Record<string, string>,
  rawBody: Buffer,
  secrets: readonly string[],
): Promise<boolean> {
  const rawRequest = {
    // Node lower-cases incoming header names; the library canonicalises them either way.
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    method: 'POST',
    url: '/webhooks/shopify',
  } as unknown as IncomingMessage;
  for (const secret of secrets) {
    const shopify = shopifyApi({
      apiKey: 'orderhub-test-key',
      apiSecretKey: secret,
      hostName: 'hub.example.com',
      apiVersion: ApiVersion.January25,
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error, log: async () => undefined },
    });
    // The library hashes a string (UTF-8 encoded); our test bodies are valid UTF-8, so it sees the same bytes.
    const result = await shopify.webhooks.validate({ rawBody: rawBody.toString('utf8'), rawRequest, rawResponse: {} as ServerResponse });
    if (result.valid) return true;
  }
  return false;
}
