import 'reflect-metadata';
import { loadHubConfig } from '@orderhub/common';
import { bootstrapApp, runMain } from '@orderhub/platform';
import { HubModule } from './hub.module';

runMain(async () => {
  const config = loadHubConfig();
  await bootstrapApp(HubModule.forRoot(config), config, { consume: true, name: 'orderhub-hub' });
});
