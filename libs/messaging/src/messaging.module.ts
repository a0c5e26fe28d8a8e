import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HubConfig } from '@orderhub/common';
import { TransactionManager } from '@orderhub/persistence';
import { BusMessageEntity, BusOffsetEntity } from './embedded/bus-message.entity';
import { DeadLetters } from './dead-letters';
import { EmbeddedBus } from './embedded/embedded.bus';
import { IdempotentConsumer } from './inbox/idempotent-consumer';
import { ProcessedMessageEntity } from './inbox/processed-message.entity';
import { KafkaBus } from './kafka/kafka.bus';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxSignal } from './outbox/outbox-signal';
import { TypeormOutbox } from './outbox/typeorm-outbox';
import { MessageBus, Outbox } from './ports';

export interface MessagingOptions {
  /** Runs the outbox relay in this process (ingest and hub do; a pure consumer may not). */
  relay: boolean;
}

class BusCloser implements OnApplicationShutdown {
  constructor(@Inject(MessageBus) private readonly bus: MessageBus) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(config: HubConfig, options: MessagingOptions = { relay: true }): DynamicModule {
    return {
      module: MessagingModule,
      imports: [TypeOrmModule.forFeature([OutboxMessageEntity, ProcessedMessageEntity, BusMessageEntity, BusOffsetEntity])],
      providers: [
        OutboxSignal,
        TypeormOutbox,
        { provide: Outbox, useExisting: TypeormOutbox },
        IdempotentConsumer,
        DeadLetters,
        {
          provide: MessageBus,
          inject: [TransactionManager, DeadLetters],
          useFactory: (tx: TransactionManager, deadLetters: DeadLetters) => {
            const logger = new Logger('messaging');
            const bus = makeBus();
            bus.useDeadLetters(deadLetters);
            return bus;
            function makeBus(): MessageBus {
              if (config.KAFKA_BROKERS) {
                logger.log(`Kafka bus at ${config.KAFKA_BROKERS}`);
                return new KafkaBus({
                  brokers: config.KAFKA_BROKERS.split(','),
                  clientId: config.KAFKA_CLIENT_ID,
                  partitions: config.KAFKA_TOPIC_PARTITIONS,
                  topicPrefix: config.KAFKA_TOPIC_PREFIX,
                  partitionsConsumedConcurrently: config.HUB_CONSUMER_CONCURRENCY ?? config.KAFKA_TOPIC_PARTITIONS,
                  sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
                });
              }
              logger.log('embedded in-process bus (durable through the database)');
              return new EmbeddedBus(tx);
            }
          },
        },
        BusCloser,
        ...(options.relay ? [OutboxRelay] : []),
      ],
      exports: [Outbox, MessageBus, IdempotentConsumer, DeadLetters, TypeormOutbox, ...(options.relay ? [OutboxRelay] : [])],
    };
  }
}
