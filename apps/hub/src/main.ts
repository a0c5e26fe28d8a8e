import 'reflect-metadata';
import { ConfigError, loadHubConfig } from '@orderhub/common';
import { DataDirInUseError } from '@orderhub/persistence';
import { bootstrapApp } from '@orderhub/platform';
import { HubModule } from './hub.module';

async function main(): Promise<void> {
  const config = loadHubConfig();
  await bootstrapApp(HubModule.forRoot(config), config, { consume: true });
}

main().catch((error: unknown) => {
  // A bad configuration names the variable; anything else is logged as one JSON line.
  const message = error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : (error as Error)?.stack ?? String(error);
  process.stderr.write(JSON.stringify({ level: 'error', time: new Date().toISOString(), context: 'bootstrap', msg: message }) + '\n');
  process.exit(1);
});
