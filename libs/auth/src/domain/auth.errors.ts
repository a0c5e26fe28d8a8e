import { ConflictError, ForbiddenError, HubError, InvalidInputError, NotFoundError, UnauthorizedError } from '@orderhub/contracts';

/** Stable codes of this library; the HTTP filter maps the error classes to 401/403/404/409/400. */
export const AuthErrors = {
  invalidCredentials: () => new UnauthorizedError('AUTH.INVALID_CREDENTIALS', 'email or password is wrong'),
  unauthenticated: () => new UnauthorizedError('AUTH.UNAUTHENTICATED', 'sign in first'),
  sessionExpired: () => new UnauthorizedError('AUTH.SESSION_EXPIRED', 'the session has expired; sign in again'),
  forbidden: () => new ForbiddenError('AUTH.FORBIDDEN', 'your role may not do this'),
  csrf: () => new ForbiddenError('AUTH.CSRF', 'missing or wrong X-CSRF-Token header'),
  invalidInput: (message: string, details: Record<string, unknown> = {}) => new InvalidInputError('USER.INVALID_INPUT', message, details),
  wrongCurrentPassword: () => new InvalidInputError('USER.WRONG_CURRENT_PASSWORD', 'the current password is not right'),
  weakPassword: (message: string) => new InvalidInputError('USER.WEAK_PASSWORD', message),
  emailTaken: (email: string) => new ConflictError('USER.EMAIL_TAKEN', 'a user with this email exists', { email }),
  lastAdmin: () => new ConflictError('USER.LAST_ADMIN', 'the last active administrator cannot be disabled or demoted'),
  userNotFound: (id: string) => new NotFoundError('USER.NOT_FOUND', 'no such user', { id }),
};

/**
 * Too many attempts. `@orderhub/contracts` has no 429 class yet, so the auth controller's own filter answers it
 * (with Retry-After); anywhere else the shared filter would fall back to 422.
 */
export class TooManyRequestsError extends HubError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('AUTH.RATE_LIMITED', message, { retryAfterSeconds });
  }
}
