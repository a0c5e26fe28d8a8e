import 'reflect-metadata';
import { ConfigError, loadHubConfig } from '@orderhub/common';
import { DataDirInUseError } from '@orderhub/persistence';
import { bootstrapApp } from '@orderhub/platform';
import { CoreModule } from './core.module';

async function main(): Promise<void> {
  const config = loadHubConfig({ HUB_CONSUMER_GROUP: 'orderhub-core', ...process.env });
  await bootstrapApp(CoreModule.forRoot(config), config, { consume: true });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(JSON.stringify({ level: 'error', time: new Date().toISOString(), context: 'bootstrap', msg: message }) + '\n');
  process.exit(1);
});
