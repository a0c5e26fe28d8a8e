import 'reflect-metadata';
import { loadHubConfig } from '@orderhub/common';
import { bootstrapApp, runMain } from '@orderhub/platform';
import { IngestModule } from './ingest.module';

runMain(async () => {
  const config = loadHubConfig({ HUB_CONSUMER_GROUP: 'orderhub-ingest', ...process.env });
  await bootstrapApp(IngestModule.forRoot(config), config, { consume: true, name: 'orderhub-ingest' });
});
