import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { z } from 'zod';

/**
 * AS2 and SFTP settings, validated at boot (a bad value stops the process and names the variable).
 *
 * | variable | meaning | default |
 * | HUB_AS2_ID | our AS2 name (partners send to it in AS2-To) | AS2 off |
 * | HUB_AS2_KEY_FILE, HUB_AS2_CERT_FILE | our PEM private key and certificate (they must belong together) | required with HUB_AS2_ID |
 * | HUB_AS2_MAX_BODY_BYTES | largest AS2 message accepted | 67108864 (64 MiB) |
 * | HUB_AS2_TIMEOUT_MS | how long we wait for a partner's synchronous MDN | 60000 |
 * | HUB_SECRETS_KEY | 32 random bytes in base64 that seal partner secrets (SFTP keys, passwords) | required once such a secret is stored |
 * | HUB_SECRETS_KEY_PREVIOUS | the key being rotated out: secrets sealed with it still open (see README) | none |
 * | HUB_SFTP_POLL | poll SFTP partners' pickup folders in this process | 1 |
 * | HUB_SFTP_STABLE_MS | a remote file is taken once its size and mtime held still this long | 2000 |
 */
const key32 = z
  .string()
  .transform((v) => Buffer.from(v, 'base64'))
  .refine((b) => b.length === 32, '32 bytes in base64 (openssl rand -base64 32)');

const schema = z.object({
  HUB_AS2_ID: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7e ]+$/)
    .optional(),
  HUB_AS2_KEY_FILE: z.string().min(1).optional(),
  HUB_AS2_CERT_FILE: z.string().min(1).optional(),
  HUB_AS2_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 ** 31)
    .default(64 * 1024 * 1024),
  HUB_AS2_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  HUB_SECRETS_KEY: key32.optional(),
  HUB_SECRETS_KEY_PREVIOUS: key32.optional(),
  HUB_SFTP_POLL: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .default(true),
  HUB_SFTP_STABLE_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
});

export interface As2Identity {
  as2Id: string;
  keyPem: string;
  certPem: string;
}

export class PartnerConnectivityConfig {
  constructor(
    readonly as2: As2Identity | null,
    readonly as2MaxBodyBytes: number,
    readonly as2TimeoutMs: number,
    readonly secretsKey: Buffer | null,
    readonly previousSecretsKey: Buffer | null,
    readonly sftpPoll: boolean,
    readonly sftpStableMs: number,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv): PartnerConnectivityConfig {
    const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const parsed = schema.safeParse(present);
    const fail = (problems: string[]) => new Error(`invalid AS2/SFTP configuration:\n  ${problems.join('\n  ')}`);
    if (!parsed.success) throw fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const c = parsed.data;
    let as2: As2Identity | null = null;
    if (c.HUB_AS2_ID) {
      if (!c.HUB_AS2_KEY_FILE || !c.HUB_AS2_CERT_FILE) throw fail(['HUB_AS2_KEY_FILE and HUB_AS2_CERT_FILE: required with HUB_AS2_ID']);
      const read = (name: string, path: string) => {
        try {
          return readFileSync(path, 'utf8');
        } catch (error) {
          throw fail([`${name}: cannot read ${path}: ${(error as Error).message}`]);
        }
      };
      const keyPem = read('HUB_AS2_KEY_FILE', c.HUB_AS2_KEY_FILE);
      const certPem = read('HUB_AS2_CERT_FILE', c.HUB_AS2_CERT_FILE);
      let matches = false;
      try {
        const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
        const cert = forge.pki.certificateFromPem(certPem);
        matches = (cert.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n);
      } catch (error) {
        throw fail([`HUB_AS2_KEY_FILE/HUB_AS2_CERT_FILE: not a PEM RSA key and certificate: ${(error as Error).message}`]);
      }
      if (!matches) throw fail(['HUB_AS2_KEY_FILE: the key does not belong to the certificate in HUB_AS2_CERT_FILE']);
      as2 = { as2Id: c.HUB_AS2_ID, keyPem, certPem };
    }
    return new PartnerConnectivityConfig(
      as2,
      c.HUB_AS2_MAX_BODY_BYTES,
      c.HUB_AS2_TIMEOUT_MS,
      c.HUB_SECRETS_KEY ?? null,
      c.HUB_SECRETS_KEY_PREVIOUS ?? null,
      c.HUB_SFTP_POLL,
      c.HUB_SFTP_STABLE_MS,
    );
  }

  describe(): string {
    return `AS2 ${this.as2 ? `as ${this.as2.as2Id}` : 'off (HUB_AS2_ID unset)'}, partner secrets ${this.secretsKey ? 'sealed with HUB_SECRETS_KEY' : 'cannot be stored (HUB_SECRETS_KEY unset)'}`;
  }
}
