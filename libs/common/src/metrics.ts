import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; every module records into it and GET /metrics prints it. */
export const metricsRegistry = new Registry();
// prom-client's own names already start with process_ / nodejs_: the prefix is ours alone (orderhub_process_cpu_seconds_total).
collectDefaultMetrics({ register: metricsRegistry, prefix: 'orderhub_' });

export const Metrics = {
  ordersTotal: new Counter({
    name: 'orderhub_orders_total',
    help: 'Purchase orders processed by channel and outcome (accepted, flagged, rejected, duplicate)',
    labelNames: ['channel', 'outcome'],
    registers: [metricsRegistry],
  }),
  inboundDocuments: new Counter({
    name: 'orderhub_inbound_documents_total',
    help: 'Raw inbound documents taken in, by channel (every door counts through countInboundDocument in @orderhub/platform)',
    labelNames: ['channel'],
    registers: [metricsRegistry],
  }),
  /** Set at each scrape from the database (ScrapeMetrics in @orderhub/platform), never stale. */
  exceptionsOpen: new Gauge({
    name: 'orderhub_exceptions_open',
    help: 'Open exceptions in the queue, read at scrape time',
    registers: [metricsRegistry],
  }),
  consumerLag: new Gauge({
    name: 'orderhub_consumer_lag_messages',
    help: 'Bus messages not yet consumed, per consumer group and topic, read at scrape time',
    labelNames: ['group', 'topic'],
    registers: [metricsRegistry],
  }),
  documentsOverdue: new Gauge({
    name: 'orderhub_outbound_documents_overdue',
    help: 'Documents owed to a partner or customer (pending or failed) for more than 15 minutes, read at scrape time',
    registers: [metricsRegistry],
  }),
  orderLatency: new Histogram({
    name: 'orderhub_order_latency_seconds',
    help: 'Receipt to sales-order decision',
    labelNames: ['channel'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metricsRegistry],
  }),
  httpLatency: new Histogram({
    name: 'orderhub_http_request_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metricsRegistry],
  }),
  outboxLag: new Gauge({
    name: 'orderhub_outbox_lag_seconds',
    help: 'Age of the oldest unpublished outbox message, read at scrape time',
    registers: [metricsRegistry],
  }),
  outboxPublished: new Counter({
    name: 'orderhub_outbox_published_total',
    help: 'Outbox messages published to the bus',
    registers: [metricsRegistry],
  }),
  messagesConsumed: new Counter({
    name: 'orderhub_bus_messages_consumed_total',
    help: 'Bus messages handled, by topic and result (ok, retried, dead-lettered, duplicate)',
    labelNames: ['topic', 'result'],
    registers: [metricsRegistry],
  }),
};
