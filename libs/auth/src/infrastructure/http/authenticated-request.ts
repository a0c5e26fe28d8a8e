import type { Request } from 'express';
import type { AuthenticatedUser } from '../../roles.decorator';

/** What the guard found, for /auth/me and /auth/logout. */
export interface RequestSession {
  id: string;
  token: string;
  /** Cookie-carried sessions need a CSRF header on unsafe methods; bearer ones do not. */
  via: 'bearer' | 'cookie';
  expiresAt: Date;
  name: string;
}

export interface AuthenticatedRequest extends Request {
  user?: AuthenticatedUser;
  authSession?: RequestSession;
}
