import 'reflect-metadata';
import { loadHubConfig } from '@orderhub/common';
import { bootstrapApp, runMain } from '@orderhub/platform';
import { CoreModule } from './core.module';

runMain(async () => {
  const config = loadHubConfig({ HUB_CONSUMER_GROUP: 'orderhub-core', ...process.env });
  await bootstrapApp(CoreModule.forRoot(config), config, { consume: true, name: 'orderhub-core' });
});
