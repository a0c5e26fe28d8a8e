import { z } from 'zod';

/**
 * How documents travel between a partner and the hub (API.md, partner profile `connection`):
 * - http: the partner posts to us; ours go to its outbound folder (the default);
 * - folder: the drop folders, both ways;
 * - as2: both ways over AS2 (the partner posts to POST /as2; we post to its URL);
 * - sftp: we collect from its pickup folder and put ours in its drop folder.
 * Secrets (SFTP key, password) are held sealed (see PartnerSecretBox); the API never shows them.
 */
export const SIGN_ALGORITHMS = ['sha256', 'sha1'] as const;
export const ENCRYPT_ALGORITHMS = ['aes256', 'aes192', 'aes128', '3des'] as const;

const pem = (kind: string) =>
  z
    .string()
    .max(20_000)
    .refine((v) => new RegExp(`-----BEGIN [A-Z0-9 ]*${kind}-----`).test(v), `a PEM ${kind.toLowerCase()}`);

const httpUrl = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u), 'http:// or https://');

const as2Name = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e ]+$/, 'printable ASCII')
  .refine((v) => !v.includes('"'), 'no quotes');

const remotePath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => !/[\u0000-\u001f]/.test(p), 'no control characters');

export const as2ConnectionSchema = z
  .object({
    type: z.literal('as2'),
    as2Id: as2Name,
    url: httpUrl,
    certificates: z.array(pem('CERTIFICATE')).min(1).max(4),
    sign: z.boolean().default(true),
    encrypt: z.boolean().default(true),
    compress: z.boolean().default(false),
    mdn: z.enum(['sync', 'async']).default('sync'),
    mdnUrl: httpUrl.optional(),
    signAlgorithm: z.enum(SIGN_ALGORITHMS).default('sha256'),
    encryptAlgorithm: z.enum(ENCRYPT_ALGORITHMS).default('aes256'),
  })
  .strict();

export const sftpConnectionInputSchema = z
  .object({
    type: z.literal('sftp'),
    host: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9.:\-[\]]+$/, 'a host name or address'),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().trim().min(1).max(128),
    privateKey: pem('PRIVATE KEY').optional(),
    password: z.string().min(1).max(1000).optional(),
    hostKeySha256: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'SHA256:... as ssh-keygen -lf prints it'),
    pickupDir: remotePath,
    dropDir: remotePath,
    pollSeconds: z.number().int().min(1).max(86_400).default(60),
  })
  .strict();

export const connectionInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('http') }).strict(),
  z.object({ type: z.literal('folder') }).strict(),
  as2ConnectionSchema,
  sftpConnectionInputSchema,
]);
export type ConnectionInput = z.output<typeof connectionInputSchema>;

export type As2Connection = z.output<typeof as2ConnectionSchema>;

/** As stored: the secrets sealed (`v1.<iv>.<tag>.<ciphertext>`), never in clear. */
export type SftpConnection = Omit<z.output<typeof sftpConnectionInputSchema>, 'privateKey' | 'password'> & {
  privateKeySealed?: string;
  passwordSealed?: string;
};

export type PartnerConnection = { type: 'http' } | { type: 'folder' } | As2Connection | SftpConnection;
export type ConnectionType = PartnerConnection['type'];

export const DEFAULT_CONNECTION: PartnerConnection = Object.freeze({ type: 'http' }) as PartnerConnection;

/** Seals an SFTP connection's secrets; a PATCH that leaves them out keeps the ones already stored. */
export function sealConnection(
  input: ConnectionInput,
  previous: PartnerConnection | undefined,
  seal: (plain: string) => string,
): { connection: PartnerConnection; problems: string[] } {
  if (input.type !== 'sftp') return { connection: input, problems: [] };
  const { privateKey, password, ...rest } = input;
  const before = previous?.type === 'sftp' ? previous : undefined;
  const connection: SftpConnection = {
    ...rest,
    privateKeySealed: privateKey !== undefined ? seal(privateKey) : before?.privateKeySealed,
    passwordSealed: password !== undefined ? seal(password) : before?.passwordSealed,
  };
  if (!connection.privateKeySealed && !connection.passwordSealed)
    return { connection, problems: ['connection: an SFTP connection needs privateKey or password'] };
  return { connection, problems: [] };
}

/** What the API shows: everything but the secrets, which are only said to be there. */
export function connectionView(connection: PartnerConnection) {
  if (connection.type !== 'sftp') return connection;
  const { privateKeySealed, passwordSealed, ...rest } = connection;
  return { ...rest, hasPrivateKey: Boolean(privateKeySealed), hasPassword: Boolean(passwordSealed) };
}
