import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { IntakePort, purchaseOrderSchema, Topics, type Channel, CHANNELS } from '@orderhub/contracts';
import { DeadLetters, UnprocessableMessageSink, type UnprocessableMessage } from '@orderhub/messaging';
import { TransactionRunner } from '@orderhub/persistence';

/** Topics whose messages speak for a stored inbound document: one of them unprocessed leaves a document without outcome. */
const INBOUND_TOPICS: readonly string[] = [Topics.PurchaseOrderReceived, Topics.OrderChangeRequested];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The invariant's last line: a message about an inbound document that the core cannot process (its retries
 * spent, or it failed validation) becomes a MESSAGE.UNPROCESSABLE exception with the cause and the whole
 * message for replay, and its raw document is marked failed. It still goes to the dead-letter topic, but
 * never silently. A message that names no stored document (bytes nobody accepted) is only dead-lettered.
 */
@Injectable()
export class UnprocessableMessageRecorder extends UnprocessableMessageSink implements OnModuleInit {
  private readonly logger = new Logger('unprocessable-message');

  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly tx: TransactionRunner,
    private readonly intake: IntakePort,
  ) {
    super();
  }

  onModuleInit(): void {
    this.deadLetters.register(this);
  }

  async record(message: UnprocessableMessage): Promise<void> {
    if (!INBOUND_TOPICS.includes(message.topic)) return;
    const envelope = parseObject(message.value);
    const payload = (envelope?.payload ?? {}) as Record<string, unknown>;
    const order = purchaseOrderSchema.safeParse(payload.purchaseOrder);
    const source = (payload.purchaseOrder as { source?: Record<string, unknown> } | undefined)?.source ?? {};
    const rawDocumentId = text(source.rawDocumentId) ?? text(payload.rawDocumentId) ?? '';
    const channelText = text(source.channel) ?? text(payload.channel) ?? '';
    if (!envelope || !UUID.test(rawDocumentId) || !(CHANNELS as readonly string[]).includes(channelText)) {
      this.logger.warn(`dead-lettered ${message.topic}@${message.position} names no stored document: ${message.code}`);
      return;
    }
    const channel = channelText as Channel;
    const idempotencyKey = typeof envelope.idempotencyKey === 'string' ? envelope.idempotencyKey : `${message.topic}@${message.position}`;
    const cause = { code: message.code, message: message.reason.slice(0, 2000) };
    await this.tx.run(() =>
      this.intake.record(
        {
          rawDocumentId,
          channel,
          sender: (text(source.sender) ?? text(payload.sender) ?? channel).slice(0, 200),
          partnerId: typeof source.partnerId === 'string' ? source.partnerId : undefined,
        },
        {
          kind: 'needs-review',
          review: {
            // Per delivery position: a replay that fails again opens a new exception instead of finding the replayed one.
            sourceKey: `unprocessable:${idempotencyKey}@${message.position}`.slice(0, 300),
            reasons: [
              {
                code: 'MESSAGE.UNPROCESSABLE',
                message: `the core could not process this document (${cause.code}): ${cause.message}; correct and approve it, reject it, or replay it`,
                details: { topic: message.topic, position: message.position, cause, actions: ['approve', 'reject', 'replay'], envelope },
              },
            ],
            draft: {
              kind: 'unprocessable-message',
              topic: message.topic,
              envelope,
              cause,
              ...(order.success ? { purchaseOrder: order.data } : {}),
            },
            customerId: order.success ? (order.data.buyer.customerId ?? null) : null,
            poNumber: order.success ? order.data.poNumber : null,
            receivedAt: order.success ? new Date(order.data.source.receivedAt) : new Date(),
            actor: 'system:bus',
            channelData: order.success ? order.data.channelData : {},
          },
        },
      ),
    );
    this.logger.warn(
      `${message.topic}@${message.position} is now a MESSAGE.UNPROCESSABLE exception for raw document ${rawDocumentId}: ${cause.code}`,
    );
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
