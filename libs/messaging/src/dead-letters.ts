import { Injectable } from '@nestjs/common';
import type { BusMessage } from './ports';

/** A message whose retries are spent (or that failed validation), as it goes to `<topic>.dlq`. */
export interface UnprocessableMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** BUS.RETRIES_EXHAUSTED, or the poison code (BUS.SCHEMA_INVALID...). */
  code: string;
  reason: string;
  /** partition:offset on the original topic. */
  position: string;
}

/** Who turns a message the core cannot process into something an operator sees (the order core: MESSAGE.UNPROCESSABLE). */
export abstract class UnprocessableMessageSink {
  abstract record(message: UnprocessableMessage): Promise<void>;
}

/**
 * The dead-letter step both bus adapters share: first every registered sink records the message (an exception
 * with its cause), then it goes to the dead-letter topic. A sink that fails makes the dead-letter fail, so the
 * transport redelivers the message rather than losing sight of it.
 */
@Injectable()
export class DeadLetters {
  private readonly sinks: UnprocessableMessageSink[] = [];

  register(sink: UnprocessableMessageSink): void {
    if (!this.sinks.includes(sink)) this.sinks.push(sink);
  }

  async deadLetter(dead: BusMessage, publish: (dead: BusMessage) => Promise<void>): Promise<void> {
    const headers = dead.headers ?? {};
    const message: UnprocessableMessage = {
      topic: headers['x-dlq-original-topic'] ?? dead.topic.replace(/\.dlq$/, ''),
      key: dead.key,
      value: dead.value,
      headers,
      code: headers['x-dlq-code'] ?? 'BUS.RETRIES_EXHAUSTED',
      reason: headers['x-dlq-reason'] ?? '',
      position: headers['x-dlq-original-offset'] ?? '',
    };
    for (const sink of this.sinks) await sink.record(message);
    await publish(dead);
  }
}
