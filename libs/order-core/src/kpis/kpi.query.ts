import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';

export interface Kpis {
  days: number;
  cycleTime: { p50Seconds: number | null; p90Seconds: number | null };
  touchlessRate: { overall: number | null; byChannel: Record<string, number> };
  exceptionRate: { overall: number | null; byChannel: Record<string, number> };
  fillRate: number | null;
  ordersPerChannelPerDay: Array<{ day: string; channel: string; count: number }>;
  exceptionBacklog: { open: number; oldestAgeHours: number | null; byAge: Array<{ bucket: string; count: number }> };
}

/**
 * Business measures computed from what is stored (orders, their lines, exceptions), never from in-memory
 * counters: a restart loses nothing and every figure can be traced to rows.
 *
 * - cycle time: purchase order received → acknowledged (sales order decided), p50 and p90;
 * - touchless rate: share of purchase orders raised with no operator involved (no exception);
 * - exception rate: share of purchase orders that went to the exceptions queue;
 * - fill rate: accepted quantity over ordered quantity, in ordered units, over all order lines.
 */
@Injectable()
export class KpiQuery {
  constructor(private readonly tx: TransactionManager) {}

  async compute(days: number): Promise<Kpis> {
    const m = this.tx.manager();
    const since = `now() - make_interval(days => $1)`;
    const [cycle] = (await m.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (acknowledged_at - received_at)))::float8 AS p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (acknowledged_at - received_at)))::float8 AS p90
         FROM sales_order WHERE acknowledged_at IS NOT NULL AND created_at >= ${since}`,
      [days],
    )) as Array<{ p50: number | null; p90: number | null }>;
    const perChannel = (await m.query(
      `SELECT channel, SUM(touchless)::int AS touchless, SUM(flagged)::int AS flagged, COUNT(*)::int AS total FROM (
         SELECT channel, CASE WHEN exception_id IS NULL THEN 1 ELSE 0 END AS touchless,
                CASE WHEN exception_id IS NULL THEN 0 ELSE 1 END AS flagged FROM sales_order WHERE created_at >= ${since}
         UNION ALL
         -- Exceptions not (yet) turned into an order; approved ones are counted through their order.
         SELECT channel, 0, 1 FROM order_exception WHERE sales_order_id IS NULL AND created_at >= ${since}
       ) x GROUP BY channel`,
      [days],
    )) as Array<{ channel: string; touchless: number; flagged: number; total: number }>;
    const [fill] = (await m.query(
      `SELECT CASE WHEN SUM(l.quantity) > 0 THEN (SUM(l.accepted_quantity) / SUM(l.quantity))::float8 END AS fill
         FROM sales_order_line l JOIN sales_order o ON o.id = l.sales_order_id WHERE o.created_at >= ${since} AND o.status <> 'cancelled'`,
      [days],
    )) as Array<{ fill: number | null }>;
    const perDay = (await m.query(
      `SELECT to_char(date_trunc('day', created_at), 'YYYY-MM-DD') AS day, channel, COUNT(*)::int AS count
         FROM sales_order WHERE created_at >= ${since} GROUP BY 1, 2 ORDER BY 1, 2`,
      [days],
    )) as Array<{ day: string; channel: string; count: number }>;
    const backlog = (await m.query(
      `SELECT CASE WHEN age < 1 THEN '<1h' WHEN age < 4 THEN '1-4h' WHEN age < 24 THEN '4-24h' ELSE '>24h' END AS bucket,
              COUNT(*)::int AS count, MAX(age)::float8 AS oldest
         FROM (SELECT EXTRACT(EPOCH FROM (now() - created_at)) / 3600 AS age FROM order_exception WHERE status = 'open') x GROUP BY 1`,
    )) as Array<{ bucket: string; count: number; oldest: number }>;

    const totals = perChannel.reduce(
      (acc, r) => ({ touchless: acc.touchless + r.touchless, flagged: acc.flagged + r.flagged, total: acc.total + r.total }),
      { touchless: 0, flagged: 0, total: 0 },
    );
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
    const buckets = ['<1h', '1-4h', '4-24h', '>24h'];
    return {
      days,
      cycleTime: { p50Seconds: cycle?.p50 ?? null, p90Seconds: cycle?.p90 ?? null },
      touchlessRate: {
        overall: ratio(totals.touchless, totals.total),
        byChannel: Object.fromEntries(perChannel.map((r) => [r.channel, r.touchless / r.total])),
      },
      exceptionRate: {
        overall: ratio(totals.flagged, totals.total),
        byChannel: Object.fromEntries(perChannel.map((r) => [r.channel, r.flagged / r.total])),
      },
      fillRate: fill?.fill ?? null,
      ordersPerChannelPerDay: perDay,
      exceptionBacklog: {
        open: backlog.reduce((n, b) => n + b.count, 0),
        oldestAgeHours: backlog.length ? Math.max(...backlog.map((b) => b.oldest)) : null,
        byAge: buckets.map((bucket) => ({ bucket, count: backlog.find((b) => b.bucket === bucket)?.count ?? 0 })),
      },
    };
  }
}
