import { z } from 'zod';
import { ConfigError, configProblems } from '@orderhub/common';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const port = z.coerce.number().int().min(1).max(65535);

const imapSchema = z.object({
  IMAP_HOST: z.string().min(1),
  IMAP_PORT: port.default(993),
  IMAP_USER: z.string().min(1),
  IMAP_PASSWORD: z.string().min(1),
  IMAP_TLS: flag.default(true),
  IMAP_MAILBOX: z.string().min(1).default('INBOX'),
  IMAP_ARCHIVE_FOLDER: z.string().min(1).default('Archive'),
  IMAP_EXCEPTIONS_FOLDER: z.string().min(1).default('Exceptions'),
  IMAP_SWEEP_SECONDS: z.coerce.number().int().min(5).default(60),
  IMAP_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
});

const smtpSchema = z.object({
  SMTP_HOST: z.string().min(1),
  SMTP_PORT: port.default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_TLS: flag.default(false),
  SMTP_FROM: z.string().min(3),
});

export interface ImapConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  tls: boolean;
  mailbox: string;
  archiveFolder: string;
  exceptionsFolder: string;
  sweepIntervalMs: number;
  maxMessageBytes: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  user?: string;
  password?: string;
  /** true: implicit TLS (465); false: STARTTLS when offered. */
  tls: boolean;
  from: string;
}

/** IMAP config from the environment; null when IMAP_HOST is unset (email channel off). Throws naming the bad variable. */
export function imapConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ImapConfig | null {
  if (!env.IMAP_HOST) return null;
  const r = imapSchema.safeParse(env);
  if (!r.success) throw new ConfigError(configProblems(imapSchema, env, r.error.issues));
  const c = r.data;
  return {
    host: c.IMAP_HOST,
    port: c.IMAP_PORT,
    user: c.IMAP_USER,
    password: c.IMAP_PASSWORD,
    tls: c.IMAP_TLS,
    mailbox: c.IMAP_MAILBOX,
    archiveFolder: c.IMAP_ARCHIVE_FOLDER,
    exceptionsFolder: c.IMAP_EXCEPTIONS_FOLDER,
    sweepIntervalMs: c.IMAP_SWEEP_SECONDS * 1000,
    maxMessageBytes: c.IMAP_MAX_MESSAGE_BYTES,
  };
}

/** SMTP config; null when SMTP_HOST is unset (replies recorded as undeliverable). */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  if (!env.SMTP_HOST) return null;
  const r = smtpSchema.safeParse(env);
  if (!r.success) throw new ConfigError(configProblems(smtpSchema, env, r.error.issues));
  const c = r.data;
  return { host: c.SMTP_HOST, port: c.SMTP_PORT, user: c.SMTP_USER, password: c.SMTP_PASSWORD, tls: c.SMTP_TLS, from: c.SMTP_FROM };
}

/** The variables the hub's own config declares (and has already type-checked); the rest come from the environment. */
const HUB_DECLARED = [
  'IMAP_HOST',
  'IMAP_PORT',
  'IMAP_USER',
  'IMAP_PASSWORD',
  'IMAP_TLS',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'SMTP_TLS',
  'SMTP_FROM',
] as const;

export interface EmailChannelSettings {
  imap: ImapConfig | null;
  smtp: SmtpConfig | null;
}

/**
 * IMAP and SMTP settings for a hub built from `config` (loadHubConfig's result). The hub config is the truth for
 * the variables it declares, so an app built from an explicit config (tests, tools) is not steered by stray
 * process variables; IMAP_MAILBOX, IMAP_ARCHIVE_FOLDER, IMAP_EXCEPTIONS_FOLDER, IMAP_SWEEP_SECONDS and
 * IMAP_MAX_MESSAGE_BYTES are read from `env`. Throws naming the bad variable.
 */
export function emailChannelSettings(
  config: Partial<Record<(typeof HUB_DECLARED)[number], string | number | boolean>>,
  env: NodeJS.ProcessEnv = process.env,
): EmailChannelSettings {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const key of HUB_DECLARED) {
    const value = config[key];
    if (value === undefined) delete merged[key];
    else merged[key] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  }
  return { imap: imapConfigFromEnv(merged), smtp: smtpConfigFromEnv(merged) };
}
