import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from './ports';

type AfterCommit = () => void;
interface TxContext {
  manager: EntityManager;
  afterCommit: AfterCommit[];
}

/**
 * Carries the current transaction in AsyncLocalStorage. Repositories ask `manager()` and join whatever
 * transaction is open, so a use case composes raw-document, domain and outbox writes into one commit.
 */
@Injectable()
export class TransactionManager extends TransactionRunner {
  private readonly storage = new AsyncLocalStorage<TxContext>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.storage.getStore()) return work();
    const afterCommit: AfterCommit[] = [];
    const result = await this.dataSource.transaction((manager) => this.storage.run({ manager, afterCommit }, work));
    for (const hook of afterCommit) hook();
    return result;
  }

  manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Runs after the current transaction commits (at once when there is none): e.g. wake the outbox relay. */
  onCommit(hook: AfterCommit): void {
    const store = this.storage.getStore();
    if (store) store.afterCommit.push(hook);
    else hook();
  }
}
