import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { intakeViolations } from '@orderhub/testing';
import type { SentDocument } from './load';

export interface AuditResult {
  passed: boolean;
  /** What was checked, with its numbers. */
  lines: string[];
  /** Each failed check, with examples. */
  failures: string[];
  /** Worth knowing, not a failure. */
  warnings: string[];
}

interface AuditInput {
  pool: Pool;
  sent: readonly SentDocument[];
  runTag: string;
  /** HUB_DATA_DIR/edi/outbound */
  outboundFolder: string;
  deadLetters: Record<string, number>;
}

const examples = (list: unknown[], n = 5): string =>
  list
    .slice(0, n)
    .map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
    .join('; ') + (list.length > n ? ` … (+${list.length - n})` : '');

/**
 * What a chaos run must leave behind, read from the database, the raw-document store and the outbound folder:
 * every accepted document accounted for once (a sales order or an exception), every acknowledgement once,
 * control numbers unique and gap-free per partner, no reservation without its order, nothing left in the outbox.
 */
export async function audit({ pool, sent, runTag, outboundFolder, deadLetters }: AuditInput): Promise<AuditResult> {
  const lines: string[] = [];
  const failures: string[] = [];
  const warnings: string[] = [];
  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

  // 1. Every accepted inbound document: exactly one sales order or exception per purchase order it carries.
  const orders = await q<{ po_number: string; n: number }>(
    `SELECT po_number, count(*)::int AS n FROM sales_order WHERE po_number LIKE $1 GROUP BY 1`,
    [`%${runTag}-%`],
  );
  const exceptions = await q<{ po_number: string; n: number }>(
    `SELECT po_number, count(*)::int AS n FROM order_exception WHERE po_number LIKE $1 GROUP BY 1`,
    [`%${runTag}-%`],
  );
  const soBy = new Map(orders.map((r) => [r.po_number, r.n]));
  const exBy = new Map(exceptions.map((r) => [r.po_number, r.n]));
  // Emails: the email and its PDF are raw documents carrying the Message-ID; their order or exception points at one of them.
  const emailDocs = await q<{ id: string; mid: string }>(
    `SELECT id, metadata->>'messageId' AS mid FROM raw_document WHERE channel = 'email' AND metadata->>'messageId' IS NOT NULL`,
  );
  const emailOutcomes = await q<{ raw_document_id: string; n: number }>(
    `SELECT raw_document_id, count(*)::int AS n FROM (SELECT raw_document_id FROM sales_order WHERE channel = 'email' UNION ALL SELECT raw_document_id FROM order_exception WHERE channel = 'email') x GROUP BY 1`,
  );
  const outcomeByRaw = new Map(emailOutcomes.map((r) => [r.raw_document_id, r.n]));
  const byMessageId = new Map<string, number>();
  for (const d of emailDocs) byMessageId.set(d.mid, (byMessageId.get(d.mid) ?? 0) + (outcomeByRaw.get(d.id) ?? 0));

  const missing: string[] = [];
  const twice: string[] = [];
  let accountedOrders = 0;
  let asExceptions = 0;
  const accepted = sent.filter((d) => d.accepted);
  const notAccepted = sent.filter((d) => !d.accepted);
  for (const doc of sent) {
    const counts =
      doc.channel === 'email' ? [byMessageId.get(doc.key) ?? 0] : doc.poNumbers.map((po) => (soBy.get(po) ?? 0) + (exBy.get(po) ?? 0));
    doc.poNumbers.forEach((po, i) => {
      const n = counts[Math.min(i, counts.length - 1)];
      if (n > 1) twice.push(`${po} (${doc.channel}) ×${n}`);
      else if (n === 0 && doc.accepted) missing.push(`${po} (${doc.channel}, ${doc.attempts} attempt(s), last ${doc.last})`);
      else if (n === 1) {
        accountedOrders++;
        if (doc.channel !== 'email' && (exBy.get(po) ?? 0) === 1) asExceptions++;
      }
    });
  }
  const acceptedOrders = accepted.reduce((n, d) => n + d.poNumbers.length, 0);
  lines.push(
    `documents offered ${sent.length}, accepted ${accepted.length} (carrying ${acceptedOrders} purchase orders), not accepted by the end ${notAccepted.length}; ` +
      `accounted ${accountedOrders} (${accountedOrders - asExceptions} sales orders${asExceptions ? `, ${asExceptions} exceptions` : ''} + email outcomes)`,
  );
  if (missing.length)
    failures.push(`${missing.length} accepted purchase order(s) with neither a sales order nor an exception: ${examples(missing)}`);
  if (twice.length) failures.push(`${twice.length} purchase order(s) accounted more than once: ${examples(twice)}`);
  const retriedDuplicates = sent.filter((d) => d.duplicateOnRetry).length;
  if (retriedDuplicates)
    lines.push(`${retriedDuplicates} EDI retr(ies) answered "duplicate" (the first attempt had been stored): counted once`);
  if (notAccepted.length)
    warnings.push(
      `${notAccepted.length} document(s) never accepted (last answers: ${examples(
        notAccepted.map((d) => `${d.channel} ${d.last}`),
        3,
      )})`,
    );
  const reasons = await q<{ code: string; n: number }>(
    `SELECT r->>'code' AS code, count(*)::int AS n FROM order_exception, jsonb_array_elements(reasons) r GROUP BY 1 ORDER BY 2 DESC`,
  );
  if (reasons.length) lines.push(`exception reasons: ${reasons.map((r) => `${r.code} ×${r.n}`).join(', ')}`);
  const dupPo = reasons.find((r) => r.code === 'ORDER.DUPLICATE_PO');
  if (dupPo) failures.push(`${dupPo.n} exception(s) ORDER.DUPLICATE_PO: a purchase order was processed twice`);

  // 2. Acknowledgements: one 855 per EDI order, acknowledged_at on every other order, one 997 per accepted interchange.
  const acks = await q<{ channel: string; orders: number; none: number; many: number }>(`
    SELECT o.channel, count(*)::int AS orders,
           count(*) FILTER (WHERE CASE WHEN o.channel = 'edi' THEN d.n IS NULL ELSE o.acknowledged_at IS NULL END)::int AS none,
           count(*) FILTER (WHERE o.channel = 'edi' AND d.n > 1)::int AS many
      FROM sales_order o
      LEFT JOIN (SELECT sales_order_id, count(*) AS n FROM outbound_document WHERE kind = '855' GROUP BY 1) d ON d.sales_order_id = o.id
     GROUP BY 1 ORDER BY 1`);
  lines.push(
    `acknowledgements: ${acks.map((a) => `${a.channel} ${a.orders - a.none}/${a.orders}${a.many ? ` (${a.many} twice)` : ''}`).join(', ')}`,
  );
  for (const a of acks) {
    if (a.none)
      failures.push(
        `${a.none} ${a.channel} sales order(s) without their acknowledgement (${a.channel === 'edi' ? '855' : 'acknowledged_at'})`,
      );
    if (a.many) failures.push(`${a.many} EDI sales order(s) with more than one 855`);
  }
  const fa = await q<{ receipts: number; wrong: number }>(`
    SELECT count(*)::int AS receipts, count(*) FILTER (WHERE coalesce(d.n, 0) <> 1)::int AS wrong
      FROM edi_interchange_receipt r
      LEFT JOIN (SELECT raw_document_id, count(*) AS n FROM outbound_document WHERE kind IN ('997', '999') GROUP BY 1) d ON d.raw_document_id = r.raw_document_id
     WHERE r.status = 'accepted'`);
  lines.push(`functional acknowledgements: ${fa[0].receipts - fa[0].wrong}/${fa[0].receipts} accepted interchanges have exactly one 997`);
  if (fa[0].wrong) failures.push(`${fa[0].wrong} accepted interchange(s) without exactly one 997`);

  // 3. Control numbers: per partner, ISA13 of everything sent is unique and 1..isa_last without a gap.
  const docs = await q<{ partner_id: string; kind: string; control_number: string | null; content: string }>(
    `SELECT partner_id, kind, control_number, content FROM outbound_document WHERE channel = 'edi' AND partner_id IS NOT NULL`,
  );
  const seqs = await q<{ partner_id: string; isa_last: number }>(`SELECT partner_id, isa_last FROM edi_control_sequence`);
  for (const { partner_id, isa_last } of seqs) {
    const mine = docs.filter((d) => d.partner_id === partner_id);
    const numbers = mine.map((d) => Number(d.control_number)).sort((a, b) => a - b);
    const dupes = numbers.filter((n, i) => i > 0 && numbers[i - 1] === n);
    const present = new Set(numbers);
    const gaps: number[] = [];
    for (let n = 1; n <= isa_last; n++) if (!present.has(n)) gaps.push(n);
    const beyond = numbers.filter((n) => n > isa_last);
    const mismatched = mine.filter((d) => {
      const isa = d.content.slice(0, 106);
      const sep = isa[3];
      return Number(isa.split(sep)[13]) !== Number(d.control_number);
    });
    lines.push(
      `control numbers, partner ${partner_id.slice(0, 8)}: ${numbers.length} documents (${[...new Set(mine.map((d) => d.kind))].join('/')}), ISA13 1..${isa_last}, duplicates ${dupes.length}, gaps ${gaps.length}`,
    );
    if (dupes.length) failures.push(`partner ${partner_id}: ISA13 used twice: ${examples(dupes)}`);
    if (gaps.length) failures.push(`partner ${partner_id}: ISA13 gaps: ${examples(gaps, 10)}`);
    if (beyond.length) failures.push(`partner ${partner_id}: ISA13 beyond the sequence (${isa_last}): ${examples(beyond)}`);
    if (mismatched.length)
      failures.push(`partner ${partner_id}: ${mismatched.length} document(s) whose ISA13 differs from their recorded control number`);
  }

  // 4. Stock: no reservation without its order; inventory.reserved is the sum of open reservations.
  const orphans = await q<{ n: number }>(
    `SELECT count(*)::int AS n FROM stock_reservation r LEFT JOIN sales_order o ON o.id::text = r.sales_order_id WHERE o.id IS NULL`,
  );
  const drift = await q<{ sku: string; warehouse: string; reserved: string; open: string }>(`
    SELECT i.sku, i.warehouse, i.reserved::text, coalesce(r.open, 0)::text AS open
      FROM inventory i
      LEFT JOIN (SELECT sku, warehouse, sum(quantity) AS open FROM stock_reservation WHERE released_at IS NULL GROUP BY 1, 2) r USING (sku, warehouse)
     WHERE i.reserved <> coalesce(r.open, 0)`);
  const reservations = await q<{ n: number }>(`SELECT count(*)::int AS n FROM stock_reservation`);
  lines.push(
    `stock: ${reservations[0].n} reservations, ${orphans[0].n} without their order; inventory rows whose reserved ≠ open reservations: ${drift.length}`,
  );
  if (orphans[0].n) failures.push(`${orphans[0].n} stock reservation(s) without their sales order`);
  if (drift.length) failures.push(`inventory.reserved differs from open reservations: ${examples(drift)}`);

  // 5. Raw-document store: every document's bytes still hash to what was recorded; none left half-done.
  const raw = await q<{ total: number; bad: number; inline: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE content IS NOT NULL AND encode(sha256(content), 'hex') <> sha256)::int AS bad, count(*) FILTER (WHERE content IS NOT NULL)::int AS inline FROM raw_document`,
  );
  const onDisk = await q<{ id: string; content_path: string; sha256: string }>(
    `SELECT id, content_path, sha256 FROM raw_document WHERE content IS NULL AND content_path IS NOT NULL`,
  );
  const badFiles = onDisk.filter(
    (d) => !existsSync(d.content_path) || createHash('sha256').update(readFileSync(d.content_path)).digest('hex') !== d.sha256,
  );
  const statuses = await q<{ channel: string; status: string; n: number }>(
    `SELECT channel, status, count(*)::int AS n FROM raw_document GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  lines.push(
    `raw documents: ${raw[0].total} (${raw[0].inline} inline, ${onDisk.length} on disk), hash mismatches ${raw[0].bad + badFiles.length}; by status: ${statuses.map((s) => `${s.channel}/${s.status} ${s.n}`).join(', ')}`,
  );
  if (raw[0].bad || badFiles.length)
    failures.push(`${raw[0].bad + badFiles.length} raw document(s) whose bytes do not match their SHA-256`);
  // The intake invariant: every stored document left 'received' for one terminal status backed by an order, an
  // exception or a reason (libs/testing intake-invariant.ts, the same check the hostile fuzz makes after each
  // input). One exception: a document a kill interrupted before its sender had an answer, whose bytes the sender
  // then sent again and which reached an outcome as a later document, is a warning, not a lost order.
  const violations = await intakeViolations(q);
  const retried = new Set(
    (
      await q<{ id: string }>(
        `SELECT d.id FROM raw_document d WHERE d.status = 'received' AND EXISTS (SELECT 1 FROM raw_document l WHERE l.sha256 = d.sha256 AND l.channel = d.channel AND l.id <> d.id AND l.status <> 'received')`,
      )
    ).map((r) => r.id),
  );
  const lost = violations.filter((v) => !retried.has(v.id));
  lines.push(
    `intake invariant: ${raw[0].total - violations.length}/${raw[0].total} documents with a visible terminal outcome; ${retried.size} interrupted and sent again`,
  );
  if (lost.length) failures.push(`${lost.length} inbound document(s) without a visible outcome: ${examples(lost)}`);
  if (retried.size)
    warnings.push(
      `${retried.size} raw document(s) still 'received' (stored, then the process died before an answer; the sender retried and that copy reached an outcome)`,
    );

  // 6. Messaging drained: nothing unpublished, nothing dead-lettered.
  const outbox = await q<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL`);
  lines.push(
    `outbox: ${outbox[0].n} unpublished; dead letters: ${
      Object.keys(deadLetters).length
        ? Object.entries(deadLetters)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')
        : 'none'
    }`,
  );
  if (outbox[0].n) failures.push(`${outbox[0].n} outbox message(s) never published`);
  if (Object.keys(deadLetters).length)
    failures.push(
      `messages dead-lettered (their effect never happened): ${Object.entries(deadLetters)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );

  // 7. Outbound folder: every document recorded as delivered is a file the partner can pick up.
  const delivery = await q<{
    id: string;
    kind: string;
    control_number: string | null;
    partner_id: string;
    status: string;
    last_error: string | null;
  }>(
    `SELECT id, kind, control_number, partner_id, status, last_error FROM outbound_document WHERE channel = 'edi' AND partner_id IS NOT NULL`,
  );
  const delivered = delivery.filter((d) => d.status === 'delivered');
  const absent = delivered.filter(
    (d) => !existsSync(join(outboundFolder, d.partner_id, `${d.kind}_${d.control_number ?? 'x'}_${d.id.slice(0, 8)}.x12`)),
  );
  const notDelivered = delivery.filter((d) => d.status !== 'delivered');
  lines.push(
    `outbound EDI files: ${delivered.length - absent.length}/${delivered.length} delivered documents present on disk; ${notDelivered.length} stored but not delivered`,
  );
  if (absent.length)
    failures.push(
      `${absent.length} document(s) marked delivered but missing from the outbound folder: ${examples(absent.map((d) => d.id))}`,
    );
  if (notDelivered.length)
    warnings.push(
      `${notDelivered.length} EDI document(s) stored but not delivered (${examples([...new Set(notDelivered.map((d) => `${d.status}: ${(d.last_error ?? '').slice(0, 80)}`))], 2)})`,
    );

  return { passed: failures.length === 0, lines, failures, warnings };
}
