import { resolve } from 'node:path';
import { z } from 'zod';
import { defineConfig, env } from './config';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const yesNo = (example: '0' | '1') => ({ description: '0, 1, true or false', example });
const port = z.coerce.number().int().min(0).max(65535);
const portMeta = (example: string) => ({ description: 'a TCP port number (0-65535)', example });
const int = (min: number, max: number, example: string, unit = '') =>
  env(z.coerce.number().int().min(min).max(max), { description: `a whole number${unit} from ${min} to ${max}`, example });

/** A PostgreSQL connection URL; `new URL` decides, so "garbage" is refused at boot instead of at first query. */
const postgresUrl = z.string().refine((v) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
});

// prettier-ignore
const ISA_QUALIFIERS = ['01', '02', '03', '04', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', 'AM', 'NR', 'SA', 'SN', 'ZZ'] as const;
const X12_IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9 ._\-/&]{0,14}$/;

/**
 * The hub's whole configuration, validated at boot: the process refuses to start on a bad value and says
 * which variable is wrong, with an example. Names and defaults are the public contract in API.md.
 */
const hubConfigSchema = z.object({
  PORT: env(port.default(3000), portMeta('3000')),
  DATABASE_URL: env(postgresUrl.optional(), {
    description: 'a PostgreSQL URL (postgres://user:password@host:port/database)',
    example: 'postgres://orderhub:secret@localhost:5432/orderhub',
    secret: true,
  }),
  KAFKA_BROKERS: env(
    z
      .string()
      .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/)
      .optional(),
    { description: 'a comma-separated host:port list', example: 'kafka-1:9092,kafka-2:9092' },
  ),
  KAFKA_CLIENT_ID: env(z.string().default('orderhub'), { description: 'a Kafka client id', example: 'orderhub' }),
  KAFKA_TOPIC_PREFIX: env(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/)
      .default(''),
    { description: 'letters, digits, dot, dash, underscore', example: 'staging.' },
  ),
  KAFKA_TOPIC_PARTITIONS: int(1, 256, '6').default(6),
  /** Partitions one process works on at once (order holds within each); default: all of them. */
  HUB_CONSUMER_CONCURRENCY: int(1, 256, '6').optional(),
  /** A dead consumer's partitions move on after this long (the broker's minimum is 6 s). */
  KAFKA_SESSION_TIMEOUT_MS: int(6000, 300000, '10000', ' of milliseconds').default(10000),
  HUB_DATA_DIR: env(z.string().default('./data'), { description: 'a directory', example: './data' }),
  // Any address with an @: the default admin@localhost has no dot in its domain, and that is fine.
  HUB_ADMIN_EMAIL: env(
    z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/)
      .default('admin@localhost'),
    { description: 'an email address', example: 'admin@localhost' },
  ),
  HUB_ADMIN_PASSWORD: env(z.string().min(8).optional(), {
    description: 'a password of at least 8 characters',
    example: 'change-me-please',
    secret: true,
  }),
  HUB_DEMO: env(flag.optional(), yesNo('1')),
  HUB_SKIP_MIGRATIONS: env(flag.default(false), yesNo('0')),
  // Our identity goes into every ISA/GS we write and is what inbound ISA08/GS03 must match: a value the standard
  // cannot carry (ISA05/07 code list I05, ISA06/08 AN 1/15, GS02/03 AN 2/15) would make every interchange unanswerable.
  HUB_ISA_QUALIFIER: env(z.enum(ISA_QUALIFIERS).default('ZZ'), {
    description: `an ISA interchange id qualifier (X12 I05): ${ISA_QUALIFIERS.join(', ')}`,
    example: 'ZZ',
  }),
  HUB_ISA_ID: env(z.string().regex(X12_IDENTIFIER).default('ORDERHUB'), {
    description: 'an interchange id of 1 to 15 letters, digits, spaces or . - _ / &',
    example: 'ORDERHUB',
  }),
  HUB_GS_ID: env(z.string().regex(X12_IDENTIFIER).min(2).default('ORDERHUB'), {
    description: 'an application id of 2 to 15 letters, digits, spaces or . - _ / &',
    example: 'ORDERHUB',
  }),
  HUB_LOG_LEVEL: env(z.enum(['debug', 'info', 'warn', 'error']).default('info'), {
    description: 'debug, info, warn or error',
    example: 'info',
  }),
  HUB_CONSUMER_GROUP: env(z.string().default('orderhub-core'), { description: 'a Kafka consumer group', example: 'orderhub-core' }),
  HUB_OUTBOX_POLL_MS: int(10, 60000, '250', ' of milliseconds').default(250),
  /** How long found products are reused by order evaluation (0: always read). */
  HUB_CATALOG_CACHE_MS: int(0, 600000, '5000', ' of milliseconds').default(5000),
  /** How often stored documents whose delivery failed (or never happened) are delivered again; 0 turns it off. */
  HUB_REDELIVERY_INTERVAL_MS: int(0, 3600000, '30000', ' of milliseconds').default(30000),
  HUB_MAX_ATTEMPTS: int(1, 50, '5').default(5),
  HUB_RETRY_BACKOFF_MS: int(1, 60000, '200', ' of milliseconds').default(200),
  SHOPIFY_WEBHOOK_SECRETS: env(z.string().optional(), {
    description: 'a list of shop=secret pairs',
    example: 'my-shop.myshopify.com=shpss_0123abcd',
    secret: true,
  }),
  IMAP_HOST: env(z.string().optional(), { description: 'a host name', example: 'imap.example.com' }),
  IMAP_PORT: env(port.optional(), portMeta('993')),
  IMAP_USER: env(z.string().optional(), { description: 'a user name', example: 'orders@example.com' }),
  IMAP_PASSWORD: env(z.string().optional(), { description: 'a password', example: 'app-password', secret: true }),
  IMAP_TLS: env(flag.optional(), yesNo('1')),
  SMTP_HOST: env(z.string().optional(), { description: 'a host name', example: 'smtp.example.com' }),
  SMTP_PORT: env(port.optional(), portMeta('587')),
  SMTP_USER: env(z.string().optional(), { description: 'a user name', example: 'orders@example.com' }),
  SMTP_PASSWORD: env(z.string().optional(), { description: 'a password', example: 'app-password', secret: true }),
  SMTP_TLS: env(flag.optional(), yesNo('0')),
  SMTP_FROM: env(z.string().optional(), { description: 'a sender address', example: 'OrderHub <orders@example.com>' }),
  /** OpenTelemetry traces are exported over OTLP/HTTP when this is set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: env(z.url().optional(), { description: 'an http(s) URL', example: 'http://jaeger:4318' }),
});

const hubConfig = defineConfig('hub', hubConfigSchema);

export type HubEnv = z.infer<typeof hubConfigSchema>;

/** Every environment variable the hub's own config reads. */
export const HUB_CONFIG_KEYS: readonly string[] = Object.keys(hubConfigSchema.shape);

export interface HubConfig extends HubEnv {
  dataDir: string;
  embeddedDatabase: boolean;
  embeddedBus: boolean;
  demo: boolean;
}

export function loadHubConfig(source: NodeJS.ProcessEnv = process.env): HubConfig {
  const cfg = hubConfig.load(source);
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
