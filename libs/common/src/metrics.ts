import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; every module records into it and GET /metrics prints it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'orderhub_process_' });

export const Metrics = {
  ordersTotal: new Counter({
    name: 'orderhub_orders_total',
    help: 'Purchase orders processed by channel and outcome (accepted, flagged, rejected, duplicate)',
    labelNames: ['channel', 'outcome'],
    registers: [metricsRegistry],
  }),
  inboundDocuments: new Counter({
    name: 'orderhub_inbound_documents_total',
    help: 'Raw inbound documents stored, by channel',
    labelNames: ['channel'],
    registers: [metricsRegistry],
  }),
  exceptionsOpen: new Gauge({
    name: 'orderhub_exceptions_open',
    help: 'Open exceptions in the queue',
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
    help: 'Age of the oldest unpublished outbox message',
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
