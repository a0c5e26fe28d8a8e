/**
 * The intake invariant, read from the database: every stored inbound document has left 'received' for exactly
 * one terminal status an operator can see, and that status is backed by what it claims. Shared by the hostile
 * fuzz and the chaos audit.
 * - processed: an order points at it (a Shopify change or an email's own document may instead point at the
 *   order's document, so those only need the status);
 * - flagged: an exception points at it (an email's own document: its PDF's exception);
 * - rejected and failed: with the reason (status detail); failed also listed for replay;
 * - duplicate: the status is the outcome.
 */
export interface IntakeViolation {
  id: string;
  channel: string;
  status: string;
  problem: string;
}

interface Row {
  id: string;
  channel: string;
  status: string;
  status_detail: string | null;
  topic: string | null;
  content_type: string;
  orders: number;
  exceptions: number;
}

export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export const INTAKE_INVARIANT_SQL = `SELECT d.id, d.channel, d.status, d.status_detail, d.metadata->>'topic' AS topic, d.content_type,
  (SELECT count(*)::int FROM sales_order o WHERE o.raw_document_id = d.id) AS orders,
  (SELECT count(*)::int FROM order_exception e WHERE e.raw_document_id = d.id) AS exceptions
  FROM raw_document d`;

export async function intakeViolations(query: Query, where = '', params: unknown[] = []): Promise<IntakeViolation[]> {
  const rows = await query<Row>(`${INTAKE_INVARIANT_SQL} ${where}`, params);
  const out: IntakeViolation[] = [];
  for (const r of rows) {
    const v = (problem: string) => out.push({ id: r.id, channel: r.channel, status: r.status, problem });
    const linkedElsewhere = r.channel === 'email' || (r.channel === 'shopify' && r.topic !== 'orders/create');
    switch (r.status) {
      case 'received':
        v('never left received: no outcome');
        break;
      case 'processed':
        if (r.orders === 0 && !linkedElsewhere) v('processed, but no order points at it');
        break;
      case 'flagged':
        if (r.exceptions === 0 && r.channel !== 'email') v('flagged, but no exception points at it');
        break;
      case 'rejected':
      case 'failed':
        if (!r.status_detail && r.exceptions === 0) v(`${r.status} without a reason`);
        break;
      case 'duplicate':
        break;
      default:
        v(`unknown status ${r.status}`);
    }
  }
  return out;
}
