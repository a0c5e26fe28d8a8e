import { createHash } from 'node:crypto';
import {
  intakeEnvelope,
  IntakePort,
  withoutNulCharacters,
  type Channel,
  type IntakeDocument,
  type IntakeOutcome,
  type MessageEnvelope,
  type TopicName,
  type TopicPayload,
} from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import {
  RawDocumentStore,
  TransactionRunner,
  type NewRawDocument,
  type RawDocument,
  type RawDocumentStatus,
  type StoreResult,
} from '@orderhub/persistence';

/** Something a fake transaction can roll back. */
interface Snapshottable {
  snapshot(): () => void;
}

/** Raw document store with the port's dedup semantics: one document per (channel, dedupKey). */
export class InMemoryRawDocumentStore extends RawDocumentStore implements Snapshottable {
  readonly documents = new Map<string, { document: RawDocument; content: Buffer }>();
  private sequence = 0;

  async store(doc: NewRawDocument): Promise<StoreResult> {
    if (doc.dedupKey) {
      const existing = await this.findByDedupKey(doc.channel, doc.dedupKey);
      if (existing) return { document: existing, created: false };
    }
    this.sequence += 1;
    const document: RawDocument = {
      id: `raw-${this.sequence}`,
      channel: doc.channel,
      sender: doc.sender,
      contentType: doc.contentType,
      sha256: createHash('sha256').update(doc.content).digest('hex'),
      size: doc.content.length,
      dedupKey: doc.dedupKey ?? null,
      metadata: doc.metadata ?? {},
      status: 'received',
      statusDetail: null,
      receivedAt: new Date(),
    };
    this.documents.set(document.id, { document, content: Buffer.from(doc.content) });
    return { document, created: true };
  }

  async get(id: string): Promise<RawDocument | null> {
    return this.documents.get(id)?.document ?? null;
  }

  async content(id: string): Promise<Buffer | null> {
    return this.documents.get(id)?.content ?? null;
  }

  async findByDedupKey(channel: Channel, dedupKey: string): Promise<RawDocument | null> {
    for (const { document } of this.documents.values()) if (document.channel === channel && document.dedupKey === dedupKey) return document;
    return null;
  }

  async setStatus(id: string, status: RawDocumentStatus, detail?: string): Promise<void> {
    const entry = this.documents.get(id);
    if (!entry) throw new Error(`no raw document ${id}`);
    // A new entry, not a mutation, so a rolled-back transaction's snapshot keeps the old status.
    this.documents.set(id, { ...entry, document: { ...entry.document, status, statusDetail: detail ?? null } });
  }

  all(): RawDocument[] {
    return [...this.documents.values()].map((entry) => entry.document);
  }

  snapshot(): () => void {
    const copy = new Map(this.documents);
    const sequence = this.sequence;
    return () => {
      this.documents.clear();
      copy.forEach((value, key) => this.documents.set(key, value));
      this.sequence = sequence;
    };
  }
}

export class InMemoryOutbox extends Outbox implements Snapshottable {
  readonly messages: Array<{ topic: TopicName; envelope: MessageEnvelope<unknown> }> = [];
  /** Set to make the next enqueue fail, as a database error would. */
  failNext: Error | undefined;

  async enqueue<T extends TopicName>(topic: T, envelope: MessageEnvelope<TopicPayload<T>>): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.messages.push({ topic, envelope });
  }

  snapshot(): () => void {
    const length = this.messages.length;
    return () => void this.messages.splice(length);
  }
}

/** All-or-nothing over the fakes it is given, like a database transaction over their tables. */
export class InMemoryTransactionRunner extends TransactionRunner {
  commits = 0;
  rollbacks = 0;

  constructor(private readonly participants: Snapshottable[]) {
    super();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const restores = this.participants.map((participant) => participant.snapshot());
    try {
      const result = await work();
      this.commits += 1;
      return result;
    } catch (error) {
      restores.forEach((restore) => restore());
      this.rollbacks += 1;
      throw error;
    }
  }
}

export class RecordingLogger {
  readonly lines: Array<{ level: 'log' | 'warn'; message: string }> = [];
  log(message: string): void {
    this.lines.push({ level: 'log', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
}

/**
 * The core's intake port in memory, doing what the real one does with the fakes above: received messages
 * become outbox envelopes (with the shared vocabulary), a rejection moves the raw document's status.
 */
export class InMemoryIntake extends IntakePort {
  readonly outcomes: Array<{ document: IntakeDocument; outcome: IntakeOutcome }> = [];

  constructor(
    private readonly outbox: InMemoryOutbox,
    private readonly rawDocuments: InMemoryRawDocumentStore,
  ) {
    super();
  }

  async record(document: IntakeDocument, outcome: IntakeOutcome): Promise<{ exceptionId?: string }> {
    this.outcomes.push({ document, outcome });
    if (outcome.kind === 'received') {
      for (const message of outcome.messages) {
        const clean = { ...message, payload: withoutNulCharacters(message.payload) } as typeof message;
        await this.outbox.enqueue(clean.topic, intakeEnvelope(document, clean) as never);
      }
    }
    if (outcome.kind === 'rejected')
      await this.rawDocuments.setStatus(document.rawDocumentId, 'rejected', `${outcome.code}: ${outcome.reason}`);
    return {};
  }
}
