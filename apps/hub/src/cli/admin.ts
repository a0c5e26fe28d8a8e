/**
 * Operator commands that need no running hub and no password:
 *   npm run admin -- reset-password <email>     prints a new password for the user, once, and ends their sessions
 * It uses the same configuration as the hub (DATABASE_URL, or the embedded database under HUB_DATA_DIR: stop the
 * hub first then, since the embedded database has one process).
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IssueNewPasswordUseCase, AuthModule } from '@orderhub/auth';
import { createRootLogger, HubConfigModule, loadHubConfig, PinoNestLogger } from '@orderhub/common';
import { PersistenceModule } from '@orderhub/persistence';
import { runMain } from '@orderhub/platform';

const USAGE = 'usage: npm run admin -- reset-password <email>';

runMain(async () => {
  const [command, email] = process.argv.slice(2);
  if (command !== 'reset-password' || !email) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(64);
  }
  // The configured password must not be applied on the way (the first-admin bootstrapper would): this sets a new one.
  const config = loadHubConfig({ ...process.env, HUB_ADMIN_PASSWORD: undefined, HUB_DEMO: '0', HUB_LOG_LEVEL: 'warn' });
  @Module({ imports: [HubConfigModule.forRoot(config), PersistenceModule.forRoot(config), AuthModule.forRoot(config)] })
  class AdminCliModule {}
  const app = await NestFactory.createApplicationContext(AdminCliModule, {
    logger: new PinoNestLogger(createRootLogger({ level: 'warn' })),
    abortOnError: false,
  });
  try {
    const outcome = await app.get(IssueNewPasswordUseCase).execute({ email, reason: 'cli' });
    if (!outcome.found) {
      process.stderr.write(`admin: no user ${outcome.email} exists\n`);
      process.exit(1);
    }
    process.stdout.write(`new password for ${outcome.email}: ${outcome.password}\n(shown once; every session of this user has ended)\n`);
  } finally {
    await app.close();
  }
  // Pools and timers of the modules need not be waited for: the work is committed.
  process.exit(0);
});
