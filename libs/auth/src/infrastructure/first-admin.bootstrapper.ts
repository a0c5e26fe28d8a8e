import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FIRST_ADMIN, FirstAdminSettings } from '../auth-config';
import { EnsureFirstAdminUseCase } from '../application/ensure-first-admin.use-case';
import { PASSWORD_MIN_LENGTH } from '../domain/user';

/** PostgreSQL's undefined_table. */
const UNDEFINED_TABLE = '42P01';

/** Creates the first administrator once the database (and its migrations) are up. */
@Injectable()
export class FirstAdminBootstrapper implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly ensureFirstAdmin: EnsureFirstAdminUseCase,
    @Inject(FIRST_ADMIN) private readonly settings: FirstAdminSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const outcome = await this.ensureFirstAdmin.execute(this.settings);
      if (!outcome.created) return;
      this.logger.log('first administrator created', { email: outcome.email, userId: outcome.userId, passwordSource: outcome.passwordSource });
      if (outcome.passwordSource === 'generated') {
        // A plain line, not JSON, written once: this is the only place the generated password ever appears.
        process.stdout.write(`first administrator: ${outcome.email} / ${outcome.password} (shown once)\n`);
      } else if ((this.settings.password ?? '').length < PASSWORD_MIN_LENGTH) {
        this.logger.warn(`HUB_ADMIN_PASSWORD is shorter than ${PASSWORD_MIN_LENGTH} characters; change it after signing in`);
      }
    } catch (error) {
      // With HUB_SKIP_MIGRATIONS (e.g. the migration generator) the table may not exist yet; that is not fatal.
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNDEFINED_TABLE) {
        this.logger.warn('app_user table missing (migrations not run); first administrator not created');
        return;
      }
      throw error;
    }
  }
}
