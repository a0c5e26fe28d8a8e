import { createHash, randomBytes } from 'node:crypto';

/**
 * Partner keys are random 32-byte values shown once; only their SHA-256 is stored. A plain hash (no salt, no
 * slow KDF) is right here: the key has 256 bits of entropy, so there is nothing to brute-force, and the lookup
 * must be an index hit on every request.
 */
export function generatePartnerApiKey(): string {
  return `edi_${randomBytes(32).toString('base64url')}`;
}

export function hashPartnerApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
