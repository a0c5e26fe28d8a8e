import { Body, Controller, Get, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ChangeOwnPasswordUseCase } from '../../application/change-own-password.use-case';
import { LoginUseCase } from '../../application/login.use-case';
import { LogoutUseCase } from '../../application/logout.use-case';
import { AuthErrors } from '../../domain/auth.errors';
import { csrfTokenFor } from '../../domain/session-token';
import { Public } from '../../roles.decorator';
import { ApiSchemas } from '@orderhub/common';
import { changePasswordSchema, parseInput, loginAnswerSchema, loginSchema, meAnswerSchema } from './auth.schemas';
import type { AuthenticatedRequest } from './authenticated-request';
import { RateLimitedFilter } from './rate-limited.filter';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly logout: LogoutUseCase,
    private readonly changeOwnPassword: ChangeOwnPasswordUseCase,
  ) {}

  /**
   * Answers the token (for scripts: `Authorization: Bearer`) and also sets it as an HttpOnly cookie (for the
   * console, which then sends `csrfToken` back as `X-CSRF-Token` on every unsafe request).
   */
  @Public()
  @ApiSchemas({ body: loginSchema, response: loginAnswerSchema })
  @Post('login')
  @HttpCode(200)
  @UseFilters(RateLimitedFilter)
  async signIn(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = parseInput(loginSchema, body);
    const result = await this.login.execute({ email: input.email, password: input.password, ip: clientAddress(req) });
    setSessionCookie(req, res, result.token, result.expiresAt.getTime() - Date.now());
    // Sessions are credentials: no proxy or browser cache may keep this answer.
    res.setHeader('Cache-Control', 'no-store');
    const { id, email, role, name } = result.user;
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), csrfToken: result.csrfToken, user: { id, email, role, name } };
  }

  @ApiBearerAuth()
  @ApiSchemas({ noBody: true, noContent: true })
  @Post('logout')
  @HttpCode(204)
  async signOut(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const session = req.authSession;
    if (!req.user || !session) throw AuthErrors.unauthenticated();
    await this.logout.execute({ userId: req.user.id, sessionId: session.id });
    clearSessionCookie(req, res);
  }

  /** Any signed-in user changes their own password; this session stays signed in, their other sessions end. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  async changePassword(@Body() body: unknown, @Req() req: AuthenticatedRequest): Promise<void> {
    if (!req.user || !req.authSession) throw AuthErrors.unauthenticated();
    const input = parseInput(changePasswordSchema, body);
    await this.changeOwnPassword.execute({ userId: req.user.id, sessionId: req.authSession.id, ...input });
  }

  /** Who am I, and the CSRF token again: the console calls this after a reload, when it has only the cookie. */
  @ApiBearerAuth()
  @ApiSchemas({ response: meAnswerSchema })
  @Get('me')
  me(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const session = req.authSession;
    if (!req.user || !session) throw AuthErrors.unauthenticated();
    res.setHeader('Cache-Control', 'no-store');
    return {
      user: { ...req.user, name: session.name },
      expiresAt: session.expiresAt.toISOString(),
      csrfToken: csrfTokenFor(session.token),
    };
  }
}

/** The socket's address; behind a proxy, set Express's `trust proxy` so this becomes the client's. */
function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
