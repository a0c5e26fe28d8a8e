import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PartnerSecretBox } from '../application/partner-secret-box';
import { PartnerConnectivityConfig } from '../partner-connectivity.config';

/**
 * AES-256-GCM with HUB_SECRETS_KEY: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url). The key id (first 8 hex of
 * the key's SHA-256) says which key sealed a secret, so during a rotation secrets sealed with
 * HUB_SECRETS_KEY_PREVIOUS still open, and `needsReseal` finds them.
 */
@Injectable()
export class AesGcmPartnerSecretBox extends PartnerSecretBox {
  constructor(private readonly config: PartnerConnectivityConfig) {
    super();
  }

  canSeal(): boolean {
    return this.config.secretsKey !== null;
  }

  seal(plain: string): string {
    const key = this.config.secretsKey;
    if (!key) throw new Error('HUB_SECRETS_KEY is not configured');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', keyId(key), iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, id, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !data) throw new Error('not a sealed secret');
    const key = [this.config.secretsKey, this.config.previousSecretsKey].find((k) => k && keyId(k) === id);
    if (!key) throw new Error(`the secret was sealed with a key (${id}) that is neither HUB_SECRETS_KEY nor HUB_SECRETS_KEY_PREVIOUS`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  needsReseal(sealed: string): boolean {
    return !this.config.secretsKey || sealed.split('.')[1] !== keyId(this.config.secretsKey);
  }
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
