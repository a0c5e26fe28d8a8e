import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthErrors } from '../../domain/auth.errors';
import type { AuthenticatedUser } from '../../roles.decorator';
import type { AuthenticatedRequest } from './authenticated-request';

/**
 * The signed-in user of this request, as `SessionAuthGuard` attached it. On a `@Public()` route there is none,
 * and asking for it is a programming error answered 401 rather than a silent `undefined`.
 */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw AuthErrors.unauthenticated();
  return user;
});
