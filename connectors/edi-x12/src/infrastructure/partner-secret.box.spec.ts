import { randomBytes } from 'node:crypto';
import { PartnerConnectivityConfig } from '../partner-connectivity.config';
import { AesGcmPartnerSecretBox } from './partner-secret.box';

const key = () => randomBytes(32).toString('base64');
const box = (env: Record<string, string>) => new AesGcmPartnerSecretBox(PartnerConnectivityConfig.fromEnv(env));

describe('partner secrets sealed with HUB_SECRETS_KEY', () => {
  it('seals a secret so that the stored text does not contain it, and opens it again', () => {
    const b = box({ HUB_SECRETS_KEY: key() });
    const sealed = b.seal('sftp-password-123');
    expect(sealed).not.toContain('sftp-password-123');
    expect(b.seal('sftp-password-123')).not.toBe(sealed); // a fresh IV each time
    expect(b.open(sealed)).toBe('sftp-password-123');
  });

  it('refuses a tampered secret (GCM tag)', () => {
    const b = box({ HUB_SECRETS_KEY: key() });
    const parts = b.seal('secret').split('.');
    parts[4] = Buffer.from('SECRET').toString('base64url');
    expect(() => b.open(parts.join('.'))).toThrow();
  });

  it('opens secrets sealed with the previous key during a rotation, and says they need re-sealing', () => {
    const oldKey = key();
    const newKey = key();
    const sealedOld = box({ HUB_SECRETS_KEY: oldKey }).seal('the key');
    const rotating = box({ HUB_SECRETS_KEY: newKey, HUB_SECRETS_KEY_PREVIOUS: oldKey });
    expect(rotating.open(sealedOld)).toBe('the key');
    expect(rotating.needsReseal(sealedOld)).toBe(true);
    expect(rotating.needsReseal(rotating.seal('x'))).toBe(false);
    expect(() => box({ HUB_SECRETS_KEY: newKey }).open(sealedOld)).toThrow(/neither HUB_SECRETS_KEY nor HUB_SECRETS_KEY_PREVIOUS/);
  });

  it('refuses to start with a key that is not 32 bytes, naming the variable', () => {
    expect(() => PartnerConnectivityConfig.fromEnv({ HUB_SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/HUB_SECRETS_KEY: 32 bytes/);
  });
});
