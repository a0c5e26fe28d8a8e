import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticateSessionUseCase } from '../../application/authenticate-session.use-case';
import { AuthErrors } from '../../domain/auth.errors';
import { constantTimeEquals, csrfTokenFor } from '../../domain/session-token';
import { PUBLIC_KEY, Role, ROLES_KEY } from '../../roles.decorator';
import type { AuthenticatedRequest } from './authenticated-request';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Installed as APP_GUARD: every HTTP route needs a live session unless `@Public()`; `@Roles(...)` narrows it,
 * and admins pass every role check. Bus consumers and other non-HTTP handlers are not its business.
 */
@Injectable()
export class SessionAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: AuthenticateSessionUseCase,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = credentials(req);
    if (!presented) throw AuthErrors.unauthenticated();
    const { session, user } = await this.authenticate.execute(presented.token);

    // A cross-site form or fetch can make the browser send the cookie but cannot read the CSRF token to echo it.
    if (presented.via === 'cookie' && !SAFE_METHODS.has(req.method.toUpperCase())) {
      const header = req.headers[CSRF_HEADER];
      const sent = Array.isArray(header) ? header[0] : header;
      if (!sent || !constantTimeEquals(sent, csrfTokenFor(presented.token))) throw AuthErrors.csrf();
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && required.length > 0 && user.role !== 'admin' && !required.includes(user.role)) throw AuthErrors.forbidden();

    req.user = { id: user.id, email: user.email, role: user.role };
    req.authSession = { id: session.id, token: presented.token, via: presented.via, expiresAt: session.expiresAt, name: user.name };
    return true;
  }
}

/** A bearer header wins over the cookie: it cannot be forged cross-site, so it needs no CSRF check. */
function credentials(req: AuthenticatedRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? { token: match[1], via: 'bearer' } : null;
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}
