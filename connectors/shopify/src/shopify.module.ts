import { OrderCoreServicesModule } from '@orderhub/order-core';
import {
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
  type DynamicModule,
  type Provider,
  type Type,
} from '@nestjs/common';
import { IntakePort } from '@orderhub/contracts';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { ReceiveShopifyWebhookUseCase } from './application/receive-shopify-webhook.use-case';
import { shopifyRawBodyMiddleware } from './infrastructure/shopify-raw-body.middleware';
import { ShopifyWebhookController } from './infrastructure/shopify-webhook.controller';
import { ShopifyConfig } from './shopify.config';

function providers(): Provider[] {
  return [
    {
      provide: ShopifyConfig,
      // Built and validated when the module boots: a bad SHOPIFY_WEBHOOK_SECRETS stops the process with its reason.
      useFactory: () => {
        const resolved = ShopifyConfig.fromEnv(process.env);
        new Logger('ShopifyModule').log(resolved.describe());
        return resolved;
      },
    },
    {
      provide: ReceiveShopifyWebhookUseCase,
      useFactory: (settings: ShopifyConfig, transactions: TransactionRunner, rawDocuments: RawDocumentStore, intake: IntakePort) =>
        new ReceiveShopifyWebhookUseCase(settings, transactions, rawDocuments, intake, new Logger(ReceiveShopifyWebhookUseCase.name)),
      inject: [ShopifyConfig, TransactionRunner, RawDocumentStore, IntakePort],
    },
  ];
}

/**
 * The Shopify channel: `POST /webhooks/shopify` and its use case. Needs TransactionRunner, RawDocumentStore and
 * the core's IntakePort. The app's global body parsers skip /webhooks/*, so the
 * route reads its own exact bytes (HMAC) with its own size limit.
 */
@Module({})
export class ShopifyModule implements NestModule {
  constructor(private readonly config: ShopifyConfig) {}

  /** `core` provides the IntakePort: the order core's services, or fakes in a spec. */
  static forRoot(core: Type<unknown> | DynamicModule = OrderCoreServicesModule): DynamicModule {
    return {
      module: ShopifyModule,
      imports: [core],
      controllers: [ShopifyWebhookController],
      providers: providers(),
      exports: [ShopifyConfig, ReceiveShopifyWebhookUseCase],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(shopifyRawBodyMiddleware(this.config.maxBodyBytes)).forRoutes({ path: 'webhooks/shopify', method: RequestMethod.POST });
  }
}
