import { z } from 'zod';
import { AuthErrors } from '../../domain/auth.errors';
import { ROLES } from '../../roles.decorator';

// Length caps keep hostile bodies from costing scrypt time; the policy itself is checked in the use cases.
export const loginSchema = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

const sessionUser = z.object({ id: z.uuid(), email: z.string(), role: z.enum(ROLES), name: z.string() });

/** What POST /api/v1/auth/login answers: the opaque session token, for `Authorization: Bearer`. */
export const loginAnswerSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime(), csrfToken: z.string(), user: sessionUser });

/** What GET /api/v1/auth/me answers. */
export const meAnswerSchema = z.object({ user: sessionUser, expiresAt: z.iso.datetime(), csrfToken: z.string() });

export const createUserSchema = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().max(1024),
});

export const updateUserSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().max(1024).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' });

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().max(1024),
});

export const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name a user; answering 404 keeps PostgreSQL's uuid cast error from becoming a 500. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw AuthErrors.invalidInput(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), { issues });
}
