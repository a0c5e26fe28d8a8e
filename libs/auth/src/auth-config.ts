import { z } from 'zod';
import { defineConfig, env } from '@orderhub/common';
import type { RateLimit } from './domain/sliding-window.rate-limiter';
import type { SessionLifetime } from './domain/session';

export interface AuthOptions {
  session: SessionLifetime;
  loginLimits: { perAccount: RateLimit; perIp: RateLimit };
}

/** HUB_ADMIN_EMAIL / HUB_ADMIN_PASSWORD from HubConfig: who the first administrator is on an empty database. */
export interface FirstAdminSettings {
  email: string;
  /** Unset: a random one, printed once. */
  password?: string;
}

export const FIRST_ADMIN = 'ORDERHUB_FIRST_ADMIN';

export const AUTH_OPTIONS = 'ORDERHUB_AUTH_OPTIONS';

const HOUR = 3_600_000;
const FIFTEEN_MINUTES = 15 * 60_000;

const hours = (example: string) =>
  env(
    z.coerce
      .number()
      .positive()
      .max(24 * 365),
    { description: 'a number of hours up to 8760', example },
  );
const authEnvSchema = z
  .object({
    /** Idle timeout: a session unused for this many hours ends. */
    HUB_SESSION_TTL_HOURS: hours('12').default(12),
    /** Absolute cap: every session ends this many hours after sign-in. */
    HUB_SESSION_MAX_HOURS: hours('168').default(24 * 7),
  })
  .refine((env) => env.HUB_SESSION_MAX_HOURS >= env.HUB_SESSION_TTL_HOURS, {
    message: 'must be at least HUB_SESSION_TTL_HOURS',
    path: ['HUB_SESSION_MAX_HOURS'],
  });

const authConfig = defineConfig('auth', authEnvSchema);

/** The auth library's own typed config, validated at boot like HubConfig; a bad value names its variable. */
export function loadAuthOptions(source: NodeJS.ProcessEnv = process.env): AuthOptions {
  const parsed = authConfig.load(source);
  return {
    session: { idleMs: parsed.HUB_SESSION_TTL_HOURS * HOUR, absoluteMs: parsed.HUB_SESSION_MAX_HOURS * HOUR },
    // 10 failures per account and 30 per client address in 15 minutes: slow for a guesser, roomy for a typo.
    loginLimits: { perAccount: { max: 10, windowMs: FIFTEEN_MINUTES }, perIp: { max: 30, windowMs: FIFTEEN_MINUTES } },
  };
}
