import { Inject, Injectable } from '@nestjs/common';
import { AUTH_OPTIONS, AuthOptions } from '../auth-config';
import { TooManyRequestsError } from '../domain/auth.errors';
import { SlidingWindowRateLimiter } from '../domain/sliding-window.rate-limiter';

/**
 * Counts failed sign-ins per account and per client address (in memory, per process; see the limiter).
 * Only failures count, so people who type their password right are never throttled, and a success clears
 * the account's count. Once an account is over its limit even the right password gets 429 until the window
 * frees a slot: otherwise a guesser would learn which guess was right.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: SlidingWindowRateLimiter;
  private readonly perIp: SlidingWindowRateLimiter;

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    this.perAccount = new SlidingWindowRateLimiter(options.loginLimits.perAccount);
    this.perIp = new SlidingWindowRateLimiter(options.loginLimits.perIp);
  }

  assertAllowed(email: string, ip: string): void {
    const account = this.perAccount.check(email);
    const address = this.perIp.check(ip);
    const waits = [account, address].flatMap((d) => (d.allowed ? [] : [d.retryAfterMs]));
    if (waits.length > 0) {
      throw new TooManyRequestsError('too many sign-in attempts; try again later', Math.ceil(Math.max(...waits) / 1000));
    }
  }

  recordFailure(email: string, ip: string): void {
    this.perAccount.record(email);
    this.perIp.record(ip);
  }

  recordSuccess(email: string): void {
    this.perAccount.reset(email);
  }
}
