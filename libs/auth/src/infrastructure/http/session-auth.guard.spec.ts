import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticateSessionUseCase } from '../../application/authenticate-session.use-case';
import { SessionAuthGuard } from './session-auth.guard';

describe('SessionAuthGuard', () => {
  it('leaves non-HTTP handlers (bus consumers) alone', async () => {
    const authenticate = { execute: jest.fn() };
    const guard = new SessionAuthGuard(new Reflector(), authenticate as unknown as AuthenticateSessionUseCase);
    const context = { getType: () => 'rpc' } as unknown as ExecutionContext;
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(authenticate.execute).not.toHaveBeenCalled();
  });
});
