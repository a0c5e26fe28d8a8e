import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

const port = z.coerce.number().int().min(0).max(65535);

// prettier-ignore
const ISA_QUALIFIERS = ['01', '02', '03', '04', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', 'AM', 'NR', 'SA', 'SN', 'ZZ'] as const;
const X12_IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9 ._\-/&]{0,14}$/;

/**
 * The hub's whole configuration, validated at boot: the process refuses to start on a bad value and says
 * which variable is wrong. Names and defaults are the public contract in API.md.
 */
const hubConfigSchema = z.object({
  PORT: port.default(3000),
  DATABASE_URL: z.string().url().optional(),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'comma-separated host:port list')
    .optional(),
  KAFKA_CLIENT_ID: z.string().default('orderhub'),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore').default(''),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
  /** Partitions one process works on at once (order holds within each); default: all of them. */
  HUB_CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** A dead consumer's partitions move on after this long (the broker's minimum is 6 s). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300000).default(10000),
  HUB_DATA_DIR: z.string().default('./data'),
  // Any address with an @: the default admin@localhost has no dot in its domain, and that is fine.
  HUB_ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'an email address').default('admin@localhost'),
  HUB_ADMIN_PASSWORD: z.string().min(8).optional(),
  HUB_DEMO: flag.optional(),
  HUB_SKIP_MIGRATIONS: flag.default(false),
  // Our identity goes into every ISA/GS we write and is what inbound ISA08/GS03 must match: a value the standard
  // cannot carry (ISA05/07 code list I05, ISA06/08 AN 1/15, GS02/03 AN 2/15) would make every interchange unanswerable.
  HUB_ISA_QUALIFIER: z.enum(ISA_QUALIFIERS, { message: `an ISA interchange id qualifier (X12 I05): ${ISA_QUALIFIERS.join(', ')}` }).default('ZZ'),
  HUB_ISA_ID: z.string().regex(X12_IDENTIFIER, 'an interchange id of 1 to 15 letters, digits, spaces or . - _ / &').default('ORDERHUB'),
  HUB_GS_ID: z.string().regex(X12_IDENTIFIER, 'an application id of 2 to 15 letters, digits, spaces or . - _ / &').min(2).default('ORDERHUB'),
  HUB_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  HUB_CONSUMER_GROUP: z.string().default('orderhub-core'),
  HUB_OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(250),
  /** How long found products are reused by order evaluation (0: always read). */
  HUB_CATALOG_CACHE_MS: z.coerce.number().int().min(0).max(600000).default(5000),
  /** How often stored documents whose delivery failed (or never happened) are delivered again; 0 turns it off. */
  HUB_REDELIVERY_INTERVAL_MS: z.coerce.number().int().min(0).max(3600000).default(30000),
  HUB_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  HUB_RETRY_BACKOFF_MS: z.coerce.number().int().min(1).max(60000).default(200),
  SHOPIFY_WEBHOOK_SECRETS: z.string().optional(),
  IMAP_HOST: z.string().optional(),
  IMAP_PORT: port.optional(),
  IMAP_USER: z.string().optional(),
  IMAP_PASSWORD: z.string().optional(),
  IMAP_TLS: flag.optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: port.optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_TLS: flag.optional(),
  SMTP_FROM: z.string().optional(),
});

export type HubEnv = z.infer<typeof hubConfigSchema>;

/** Every environment variable the hub's own config reads. */
export const HUB_CONFIG_KEYS: readonly string[] = Object.keys(hubConfigSchema.shape);

export interface HubConfig extends HubEnv {
  dataDir: string;
  embeddedDatabase: boolean;
  embeddedBus: boolean;
  demo: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  // Empty strings mean "unset" (docker-compose passes `VAR=` through as empty).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = hubConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const cfg = parsed.data;
  const embeddedDatabase = !cfg.DATABASE_URL;
  return {
    ...cfg,
    dataDir: resolve(cfg.HUB_DATA_DIR),
    embeddedDatabase,
    embeddedBus: !cfg.KAFKA_BROKERS,
    demo: cfg.HUB_DEMO ?? embeddedDatabase,
  };
}

/** Nest injection token for the validated config. */
export const HUB_CONFIG = 'HUB_CONFIG';
