import { Injectable, OnModuleInit } from '@nestjs/common';
import { metricsRegistry } from '@orderhub/common';
import { Gauge } from 'prom-client';
import { OutboundAckLedger } from '../application/outbound-ack-ledger';

// One gauge per process, whatever number of apps a test starts: each reads through the latest ledger.
let current: OutboundAckLedger | undefined;

function gauge(name: string, help: string, pick: (c: { overdue: number; rejected: number }) => number): void {
  if (metricsRegistry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    async collect() {
      this.set(current ? pick(await current.counts(new Date())) : 0);
    },
  });
}

/** /metrics counts our EDI documents the partner rejected, and those whose acknowledgement is overdue (read on scrape). */
@Injectable()
export class OutboundAckMetrics implements OnModuleInit {
  constructor(private readonly ledger: OutboundAckLedger) {}

  onModuleInit(): void {
    current = this.ledger;
    gauge(
      'orderhub_edi_outbound_ack_overdue',
      'EDI documents we sent whose 997/999 is overdue (past the partner profile ackOverdueHours)',
      (c) => c.overdue,
    );
    gauge('orderhub_edi_outbound_ack_rejected', 'EDI documents we sent that the partner rejected in a 997/999/TA1', (c) => c.rejected);
  }
}
