import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface QueueState {
  open: number;
  changedAt: string | null;
}

/** How often the queue's state is read while at least one console listens (one small query for everyone). */
export const QUEUE_POLL_MS = 1_000;

/**
 * The exceptions queue as it changes, for the console's live stream. The state is read from the database rather
 * than from in-process events because exceptions are raised by whichever process consumed the order (apps/core
 * and apps/ingest run apart): the table is the one place that sees every change. One query per second while
 * someone listens; none otherwise.
 */
@Injectable()
export class LiveQueue implements OnModuleDestroy {
  private readonly logger = new Logger('LiveQueue');
  private readonly listeners = new Set<(state: QueueState) => void>();
  /** Open streams' closers: a shutdown ends them, or the HTTP server would wait for them forever. */
  private readonly streams = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private last: QueueState | null = null;
  private reading = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Calls `listener` with the current state at once, then on every change; returns the unsubscribe. */
  subscribe(listener: (state: QueueState) => void): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    this.timer ??= setInterval(() => void this.poll(), QUEUE_POLL_MS);
    void this.poll();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.last = null;
      }
    };
  }

  /** Registers an open stream's closer; returns the unregister. */
  track(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
    for (const end of [...this.streams]) end();
    this.streams.clear();
  }

  private async poll(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const [row] = (await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, max(updated_at) AS changed FROM order_exception`,
      )) as Array<{ open: number; changed: Date | string | null }>;
      const state: QueueState = {
        open: Number(row?.open ?? 0),
        changedAt: row?.changed ? new Date(row.changed).toISOString() : null,
      };
      if (this.last && this.last.open === state.open && this.last.changedAt === state.changedAt) return;
      this.last = state;
      for (const listener of this.listeners) listener(state);
    } catch (error) {
      // A database outage: the stream stays open and catches up once the database answers again.
      this.logger.warn(`live queue read failed: ${(error as Error).message}`);
    } finally {
      this.reading = false;
    }
  }
}
