import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { StartupReport } from '@orderhub/common';
import { FIRST_ADMIN, FirstAdminSettings } from '../auth-config';
import { EnsureFirstAdminUseCase } from '../application/ensure-first-admin.use-case';
import { IssueNewPasswordUseCase } from '../application/issue-new-password.use-case';
import { PASSWORD_MIN_LENGTH } from '../domain/user';

/** PostgreSQL's undefined_table. */
const UNDEFINED_TABLE = '42P01';

/**
 * Creates the first administrator once the database (and its migrations) are up. While HUB_ADMIN_PASSWORD is set
 * it is the administrator's password at every start: a README that says "start with HUB_ADMIN_PASSWORD=…, then
 * sign in with it" stays true on a data directory that already has an administrator.
 */
@Injectable()
export class FirstAdminBootstrapper implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly ensureFirstAdmin: EnsureFirstAdminUseCase,
    private readonly newPassword: IssueNewPasswordUseCase,
    private readonly report: StartupReport,
    @Inject(FIRST_ADMIN) private readonly settings: FirstAdminSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      // With HUB_SKIP_MIGRATIONS (e.g. the migration generator) the table may not exist yet; that is not fatal.
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNDEFINED_TABLE) {
        this.logger.warn('app_user table missing (migrations not run); first administrator not created');
        return;
      }
      throw error;
    }
  }

  private async run(): Promise<void> {
    const outcome = await this.ensureFirstAdmin.execute(this.settings);
    const resetHint = `npm run admin -- reset-password ${this.settings.email}`;
    if (outcome.created) {
      this.logger.log('first administrator created', {
        email: outcome.email,
        userId: outcome.userId,
        passwordSource: outcome.passwordSource,
      });
      if (outcome.passwordSource === 'generated') {
        // Plain text at the end of the start-up output, never in a structured log line: shown once.
        this.report.add(`administrator: ${outcome.email} / ${outcome.password}   (shown once; a new one: ${resetHint})`);
      } else {
        this.report.add(`administrator: ${outcome.email} with the password in HUB_ADMIN_PASSWORD`);
        if ((this.settings.password ?? '').length < PASSWORD_MIN_LENGTH) {
          this.logger.warn(`HUB_ADMIN_PASSWORD is shorter than ${PASSWORD_MIN_LENGTH} characters; change it after signing in`);
        }
      }
      return;
    }
    if (this.settings.password === undefined) return;
    const applied = await this.newPassword.execute({
      email: this.settings.email,
      password: this.settings.password,
      reason: 'HUB_ADMIN_PASSWORD',
    });
    if (!applied.found) {
      this.logger.warn(`HUB_ADMIN_PASSWORD is set but no user ${applied.email} exists (HUB_ADMIN_EMAIL); it was not applied`);
      return;
    }
    if (applied.changed) {
      this.logger.warn(
        `the password of ${applied.email} was set from HUB_ADMIN_PASSWORD and its sessions ended; unset the variable to manage it in the console`,
      );
    }
    this.report.add(`administrator: ${applied.email} with the password in HUB_ADMIN_PASSWORD`);
  }
}
