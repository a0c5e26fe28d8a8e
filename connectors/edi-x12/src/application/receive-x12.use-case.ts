import { Injectable, Logger } from '@nestjs/common';
import { AuditActors } from '@orderhub/auth';
import { IntakePort, nulCharacterPath, PurchaseOrderInput, purchaseOrderSchema, Topics, withoutNulCharacters } from '@orderhub/contracts';
import { OutboundDocument, OutboundDocuments } from '@orderhub/order-core';
import { RawDocument, RawDocumentStatus, RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import {
  AckGroupInput,
  ackGroupFrom,
  buildTa1,
  functionalAckGroup,
  functionalAckKind,
  FunctionalAckKind,
  groupStatus,
  mapPurchaseOrder850,
  readX12,
  statusOf,
  ta1Required,
  x12Defect,
  X12Defect,
  X12GroupDraft,
  X12InterchangeHeader,
  X12InterchangeResult,
  X12ReadEvent,
  X12Source,
  X12TransactionSet,
} from '@orderhub/x12';
import type { TradingPartner } from '../domain/trading-partner';
import { EdiDocumentDeliverer } from './edi-document.deliverer';
import { HubIdentity } from './hub-identity';
import { PartnerInterchangeWriter } from './partner-interchange.writer';
import { ReceivePoChange860 } from './receive-po-change';
import { ReceiveAcknowledgements } from './receive-acknowledgements';
import { InterchangeReceipts, InterchangeStatus, TransactionSavepoints } from './ports';

export interface InterchangeSummary {
  control: string;
  status: InterchangeStatus;
  transactions: number;
}

export interface ReceiptOutcome {
  receiptId: string;
  /** No interchange at all (garbage, EBCDIC...): the caller answers 400 EDI.NOT_X12. */
  notX12: boolean;
  streamDefects: string[];
  interchanges: InterchangeSummary[];
  purchaseOrders: number;
  exceptions: number;
  /** The partner's own 997/999 sets and TA1s (acknowledgements of what we sent): matched, nothing to raise. */
  acknowledgementsIn: number;
  acknowledgements: OutboundDocument[];
}

export interface IncomingX12 {
  via: 'http' | 'drop-folder';
  contentType: string;
  content: Buffer;
  metadata?: Record<string, unknown>;
}

/** Counters of one interchange's work, for the receipt row and the answer. */
interface InterchangeWork {
  transactions: number;
  purchaseOrders: number;
  exceptions: number;
  acknowledgementsIn: number;
  groups: Array<{ control: string; ack: 'A' | 'E' | 'P' | 'R' }>;
  ackGroups: Array<{ input: AckGroupInput; gsSender: string; gsReceiver: string }>;
}

/** Thrown inside the interchange transaction when the IEA reveals a broken envelope: everything is undone. */
class InterchangeRejected extends Error {
  constructor(readonly result: X12InterchangeResult) {
    super('interchange rejected');
  }
}

const GROUP_SAVEPOINT = 'edi_group';
// Received GS02/GS03 are echoed in our acks only when they are plain identifiers (they must not break our delimiters).
const PLAIN_CODE = /^[A-Za-z0-9 ._\-]{1,15}$/;

/**
 * Inbound X12 for one partner: the raw bytes are stored first (their own commit), then each interchange is
 * handled in ONE transaction: receipt row and duplicate claim, PurchaseOrderReceived messages for good 850s,
 * exceptions for 850s with mapping defects, and the TA1 / 997 / 999 with their control numbers. Delivery of
 * the acknowledgements follows each commit. Streams: only the current transaction set is in memory.
 */
@Injectable()
export class ReceiveX12UseCase {
  private readonly logger = new Logger('edi-inbound');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly raw: RawDocumentStore,
    private readonly intake: IntakePort,
    private readonly documents: OutboundDocuments,
    private readonly receipts: InterchangeReceipts,
    private readonly savepoints: TransactionSavepoints,
    private readonly writer: PartnerInterchangeWriter,
    private readonly deliverer: EdiDocumentDeliverer,
    private readonly hub: HubIdentity,
    private readonly changes: ReceivePoChange860,
    private readonly acksIn: ReceiveAcknowledgements,
  ) {}

  /** HTTP and small dropped files: keep the bytes, then process them. */
  async receive(partner: TradingPartner, incoming: IncomingX12): Promise<ReceiptOutcome> {
    const { document } = await this.raw.store({
      channel: 'edi',
      sender: partner.id,
      contentType: incoming.contentType,
      content: incoming.content,
      metadata: { via: incoming.via, partnerName: partner.name, ...incoming.metadata },
    });
    return this.process(partner, document, incoming.content);
  }

  /** Reads `source` (bytes or a stream of a stored file) as the content of the already stored raw document. */
  async process(partner: TradingPartner, raw: RawDocument, source: X12Source): Promise<ReceiptOutcome> {
    const outcome: ReceiptOutcome = {
      receiptId: raw.id,
      notX12: false,
      streamDefects: [],
      interchanges: [],
      purchaseOrders: 0,
      acknowledgementsIn: 0,
      exceptions: 0,
      acknowledgements: [],
    };
    // What was already answered for this raw document (a crash-recovered file is processed again): not twice.
    const answered = new Set((await this.documents.listForReceipt(raw.id)).map((d) => d.sourceKey));
    const events = readX12(source, {
      expectedReceivers: [{ qualifier: this.hub.isaQualifier, id: this.hub.isaId }],
      expectedSenders: [{ qualifier: partner.isaQualifier, id: partner.isaId }],
      expectedGroupReceivers: [this.hub.gsId],
      isaWidth: partner.isaWidth,
      supportedTransactionSets: ['850', '860', '997', '999'],
    })[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) break;
        const event = next.value;
        if (event.type === 'stream-defect') outcome.streamDefects.push(event.defect.code);
        else if (event.type === 'interchange') await this.interchange(partner, raw, event.interchange, events, outcome, answered);
      }
    } catch (error) {
      await this.raw
        .setStatus(raw.id, 'failed', `EDI.PROCESSING_FAILED: ${(error as Error).message}`.slice(0, 2000))
        .catch(() => undefined);
      throw error;
    }
    outcome.notX12 = outcome.interchanges.length === 0;
    await this.raw.setStatus(raw.id, rawStatusOf(outcome), detailOf(outcome));
    this.logger.log(
      `receipt ${raw.id} from ${partner.name}: ${outcome.interchanges.map((i) => `${i.control} ${i.status} (${i.transactions} sets)`).join(', ') || `not X12 [${outcome.streamDefects.join(', ')}]`}`,
    );
    return outcome;
  }

  private async interchange(
    partner: TradingPartner,
    raw: RawDocument,
    header: X12InterchangeHeader,
    events: AsyncIterator<X12ReadEvent>,
    outcome: ReceiptOutcome,
    answered: Set<string>,
  ): Promise<void> {
    const work: InterchangeWork = { transactions: 0, purchaseOrders: 0, exceptions: 0, acknowledgementsIn: 0, groups: [], ackGroups: [] };
    let stored: OutboundDocument[];
    let status: InterchangeStatus;
    try {
      ({ stored, status } = await this.tx.run(async () => {
        // The reader flags a repeated ISA13 within one file; across files the receipt table does. Both end as 'duplicate'.
        const headerErrors = header.defects.filter((d) => d.severity === 'error' && d.code !== 'X12.INTERCHANGE_DUPLICATE');
        let mode: 'process' | 'duplicate' | 'rejected' = headerErrors.length > 0 ? 'rejected' : 'process';
        let receiptId: string | undefined;
        let duplicateOf: string | undefined;
        if (mode === 'process') {
          const claim = await this.receipts.claim(
            {
              partnerId: partner.id,
              rawDocumentId: raw.id,
              controlNumber: header.controlNumber,
              position: header.index,
              status: 'accepted',
              transactions: 0,
              detail: {},
            },
            partner.duplicateWindowHours,
          );
          if (claim.claimed) receiptId = claim.id;
          else {
            mode = 'duplicate';
            duplicateOf = claim.duplicateOf.rawDocumentId;
          }
        }
        const result = await this.consume(partner, raw, events, mode === 'process', work, outcome);
        if (mode === 'process') {
          await this.acksIn.interchangeAcks(partner, raw, result);
          work.acknowledgementsIn += result.ta1Segments?.length ?? 0;
        }
        if (mode === 'process' && statusOf(result.defects) === 'R') throw new InterchangeRejected(result);
        const finalStatus: InterchangeStatus = mode === 'process' ? 'accepted' : mode;
        const defects = mode === 'duplicate' ? withDuplicateFirst(result.defects) : result.defects;
        const detail = {
          defects: summarize(defects),
          groups: work.groups,
          purchaseOrders: work.purchaseOrders,
          exceptions: work.exceptions,
          ...(duplicateOf ? { duplicateOf } : {}),
        };
        if (receiptId) await this.receipts.update(receiptId, { status: finalStatus, transactions: work.transactions, detail });
        else {
          await this.receipts.record({
            partnerId: partner.id,
            rawDocumentId: raw.id,
            controlNumber: header.controlNumber,
            position: header.index,
            status: finalStatus,
            transactions: work.transactions,
            detail,
          });
        }
        const acks = await this.acknowledge(
          partner,
          raw,
          result.interchange,
          defects,
          finalStatus === 'accepted' ? work.ackGroups : [],
          answered,
        );
        return { stored: acks, status: finalStatus };
      }));
    } catch (error) {
      if (!(error instanceof InterchangeRejected)) throw error;
      // The envelope turned out broken at its end: orders, exceptions and the claim were rolled back together;
      // what remains is a rejected receipt and its TA1.
      const result = error.result;
      work.purchaseOrders = 0;
      work.exceptions = 0;
      status = 'rejected';
      stored = await this.tx.run(async () => {
        await this.receipts.record({
          partnerId: partner.id,
          rawDocumentId: raw.id,
          controlNumber: header.controlNumber,
          position: header.index,
          status: 'rejected',
          transactions: work.transactions,
          detail: { defects: summarize(result.defects) },
        });
        return this.acknowledge(partner, raw, result.interchange, result.defects, [], answered);
      });
    }
    outcome.interchanges.push({ control: header.controlNumber, status, transactions: work.transactions });
    outcome.purchaseOrders += work.purchaseOrders;
    outcome.exceptions += work.exceptions;
    outcome.acknowledgementsIn += work.acknowledgementsIn;
    outcome.acknowledgements.push(...stored);
    await this.deliverer.deliverAndRecord(stored);
  }

  /** Reads up to this interchange's end; maps and enqueues its 850s when `act` (else only counts them). */
  private async consume(
    partner: TradingPartner,
    raw: RawDocument,
    events: AsyncIterator<X12ReadEvent>,
    act: boolean,
    work: InterchangeWork,
    outcome: ReceiptOutcome,
  ): Promise<X12InterchangeResult> {
    let sets: Array<{ set: X12TransactionSet; defects: X12Defect[] }> = [];
    let before = { purchaseOrders: 0, exceptions: 0 };
    for (;;) {
      const next = await events.next();
      if (next.done) throw new Error('X12 reader ended inside an interchange');
      const event = next.value;
      switch (event.type) {
        case 'stream-defect':
          outcome.streamDefects.push(event.defect.code);
          break;
        case 'interchange':
          throw new Error('X12 reader opened an interchange inside another');
        case 'group':
          sets = [];
          before = { purchaseOrders: work.purchaseOrders, exceptions: work.exceptions };
          if (act) await this.savepoints.create(GROUP_SAVEPOINT);
          break;
        case 'transaction-set': {
          work.transactions++;
          const defects = act ? await this.transactionSet(partner, raw, event.set, work) : [];
          // Only ST and the beginning segment (the 999's business unit) are needed for the acknowledgement: a huge group streams in bounded memory.
          sets.push({ set: { ...event.set, segments: event.set.segments.slice(0, 2) }, defects });
          break;
        }
        case 'group-end': {
          const input = ackGroupFrom(event.result, sets);
          if (act) {
            if (statusOf(event.result.defects) === 'R') {
              // GE says the group is broken: none of its orders may stand, though its sets looked fine one by one.
              await this.savepoints.rollbackTo(GROUP_SAVEPOINT);
              work.purchaseOrders = before.purchaseOrders;
              work.exceptions = before.exceptions;
            }
            await this.savepoints.release(GROUP_SAVEPOINT);
          }
          work.groups.push({ control: event.result.group.controlNumber, ack: groupStatus(input).status });
          // An acknowledgement (FA) is never acknowledged itself.
          if (!event.result.group.synthetic && event.result.group.functionalId !== 'FA')
            work.ackGroups.push({ input, gsSender: event.result.group.senderCode, gsReceiver: event.result.group.receiverCode });
          sets = [];
          break;
        }
        case 'interchange-end':
          return event.result;
      }
    }
  }

  /** One set of an accepted interchange: a good 850 becomes a message, a defective one an exception. */
  private async transactionSet(
    partner: TradingPartner,
    raw: RawDocument,
    set: X12TransactionSet,
    work: InterchangeWork,
  ): Promise<X12Defect[]> {
    if (set.id === '997' || set.id === '999') {
      await this.acksIn.functionalAck(partner, raw, set);
      work.acknowledgementsIn++;
      return [];
    }
    if (set.id === '860') {
      const change = await this.changes.receive(partner, raw, set);
      work.purchaseOrders += change.enqueued ? 1 : 0;
      work.exceptions += change.exception ? 1 : 0;
      return change.defects;
    }
    if (set.id !== '850') return []; // the reader already marked it unsupported (AK5 R 1)
    const mapping = mapPurchaseOrder850(set, {
      rawDocumentId: raw.id,
      sender: partner.id,
      partnerId: partner.id,
      customerId: partner.customerId,
      receivedAt: raw.receivedAt.toISOString(),
      hashTotalPolicy: partner.hashTotalPolicy === 'reject' ? 'error' : 'warning',
    });
    // The receipt makes the key unique for ever: control numbers repeat once a partner's counter wraps or the
    // duplicate window has passed, and the core would then drop a real order as already processed.
    const key = `edi:${partner.id}:${set.interchange.controlNumber}:${set.group.controlNumber}:${set.controlNumber}:${raw.id}`;
    const envelopeRejected = statusOf(set.defects) === 'R';
    // PostgreSQL cannot store U+0000: such an order would fail in every consumer and end dead-lettered, unseen.
    const nulField = mapping.purchaseOrder ? nulCharacterPath(mapping.purchaseOrder) : undefined;
    const document = { rawDocumentId: raw.id, channel: 'edi' as const, sender: partner.id, partnerId: partner.id };
    if (mapping.ok && statusOf(mapping.defects) !== 'R' && nulField === undefined) {
      if (envelopeRejected) return mapping.defects; // the 997 rejects it (SE count...); the partner resends
      const purchaseOrder = purchaseOrderSchema.parse(withEdiChannelData(mapping.purchaseOrder, partner, set));
      await this.intake.record(document, {
        kind: 'received',
        messages: [
          { topic: Topics.PurchaseOrderReceived, key: purchaseOrder.poNumber || key, idempotencyKey: key, payload: { purchaseOrder } },
        ],
      });
      work.purchaseOrders++;
      return mapping.defects;
    }
    // A mapping defect: the set is rejected in the 997/999 and an operator sees why in the exceptions queue.
    const reasons: Array<{ code: string; message: string; details: Record<string, unknown> }> = [...set.defects, ...mapping.defects]
      .filter((d) => d.severity === 'error')
      .map((d) => ({
        code: `EDI.${d.code}`,
        message: d.message,
        details: {
          segmentId: d.segmentId,
          segmentPosition: d.segmentPosition,
          elementPosition: d.elementPosition,
          badValue: d.badValue,
          ...(d.details ?? {}),
        },
      }));
    if (nulField !== undefined) {
      reasons.push({
        code: 'EDI.INVALID_CHARACTER',
        message: `${nulField} holds a NUL character (shown as U+FFFD)`,
        details: { field: nulField },
      });
    }
    const poNumber = withoutNulCharacters(mapping.purchaseOrder?.poNumber) || undefined;
    await this.intake.record(document, {
      kind: 'needs-review',
      review: {
        sourceKey: key,
        reasons,
        draft: {
          kind: 'partial',
          fields: (mapping.purchaseOrder as Record<string, unknown> | undefined) ?? {
            source: { channel: 'edi', rawDocumentId: raw.id, partnerId: partner.id, reference: key },
          },
          channelData: {},
        },
        customerId: partner.customerId,
        poNumber: poNumber ?? null,
        receivedAt: raw.receivedAt,
        actor: AuditActors.partner(partner.id),
        // The 997/999 rejects this set (AK5 R): an operator may not approve what the partner was told is refused.
        senderTold: statusOf([...set.defects, ...mapping.defects]) === 'R' ? 'rejected' : null,
        channelData: { interchange: set.interchange.controlNumber, group: set.group.controlNumber, set: set.controlNumber },
      },
    });
    work.exceptions++;
    return mapping.defects;
  }

  /** TA1 (asked for, wanted by the partner, or the envelope is bad) and one 997/999 interchange per kind. */
  private async acknowledge(
    partner: TradingPartner,
    raw: RawDocument,
    header: X12InterchangeHeader,
    interchangeDefects: readonly X12Defect[],
    ackGroups: InterchangeWork['ackGroups'],
    answered: Set<string>,
  ): Promise<OutboundDocument[]> {
    const stored: OutboundDocument[] = [];
    const base = `edi-ack:${raw.id}:${header.index}:${header.controlNumber}`;
    const wantsFunctionalAcks = partner.documents.includes('997') || partner.documents.includes('999');
    if (ta1Required(header, interchangeDefects) || partner.documents.includes('TA1')) {
      const sourceKey = `${base}:TA1`;
      if (!answered.has(sourceKey)) {
        const isaVersion = header.version >= '00501' ? '00501' : header.version === '00401' ? '00401' : undefined;
        const { content, controlNumber } = await this.writer.write(partner, {
          groups: [],
          interchangeSegments: [buildTa1(header, interchangeDefects)],
          isaVersion,
        });
        stored.push(await this.store(partner, raw, 'TA1', sourceKey, controlNumber, content));
      }
    }
    if (!wantsFunctionalAcks || ackGroups.length === 0) return stored;
    const byKind = new Map<FunctionalAckKind, InterchangeWork['ackGroups']>();
    for (const group of ackGroups) {
      const kind = functionalAckKind(group.input.version);
      byKind.set(kind, [...(byKind.get(kind) ?? []), group]);
    }
    for (const [kind, groups] of byKind) {
      const sourceKey = `${base}:${kind}`;
      if (answered.has(sourceKey)) continue;
      const gsNumbers = await this.writer.allocate(partner.id, 'GS', groups.length);
      const stNumbers = await this.writer.allocate(partner.id, 'ST', groups.length);
      // The ack goes back under our own application id (HUB_GS_ID, never a GS03 someone else chose), to whom sent it.
      const drafts: X12GroupDraft[] = groups.map((group, i) =>
        functionalAckGroup(group.input, {
          kind,
          senderCode: this.writer.gsId,
          receiverCode: PLAIN_CODE.test(group.gsSender) ? group.gsSender : partner.gsId,
          groupControlNumber: gsNumbers[i],
          setControlNumber: stNumbers[i],
        }),
      );
      const { content, controlNumber } = await this.writer.write(partner, {
        groups: drafts,
        isaVersion: kind === '999' ? '00501' : '00401',
      });
      stored.push(await this.store(partner, raw, kind, sourceKey, controlNumber, content));
    }
    return stored;
  }

  private async store(
    partner: TradingPartner,
    raw: RawDocument,
    kind: 'TA1' | '997' | '999',
    sourceKey: string,
    controlNumber: string,
    content: string,
  ): Promise<OutboundDocument> {
    const { document } = await this.documents.store({
      kind,
      channel: 'edi',
      rawDocumentId: raw.id,
      partnerId: partner.id,
      sourceKey,
      controlNumber,
      contentType: 'application/edi-x12',
      content,
      destination: partner.destination.path ?? `folder:${partner.id}`,
    });
    return document;
  }
}

function withEdiChannelData(po: PurchaseOrderInput, partner: TradingPartner, set: X12TransactionSet): PurchaseOrderInput {
  return {
    ...po,
    channelData: {
      ...(po.channelData ?? {}),
      partnerId: partner.id,
      partnerName: partner.name,
      isaControlNumber: set.interchange.controlNumber,
      gsControlNumber: set.group.controlNumber,
      stControlNumber: set.controlNumber,
      gsSender: set.group.senderCode,
      gsVersion: set.group.version,
    },
  };
}

function withDuplicateFirst(defects: readonly X12Defect[]): X12Defect[] {
  // buildTa1 reports the first error's note code: a duplicate is answered 025 whatever else is noted.
  const rest = defects.filter((d) => d.code !== 'X12.INTERCHANGE_DUPLICATE');
  return [x12Defect('X12.INTERCHANGE_DUPLICATE'), ...rest];
}

function summarize(defects: readonly X12Defect[]): Array<{ code: string; severity: string; message: string; ta1?: string }> {
  return defects.slice(0, 50).map((d) => ({ code: d.code, severity: d.severity, message: d.message, ...(d.ta1 ? { ta1: d.ta1 } : {}) }));
}

function rawStatusOf(outcome: ReceiptOutcome): RawDocumentStatus {
  if (outcome.notX12) return 'rejected';
  if (outcome.interchanges.every((i) => i.status === 'duplicate')) return 'duplicate';
  if (outcome.interchanges.every((i) => i.status !== 'accepted')) return 'rejected';
  if (outcome.exceptions > 0) return 'flagged';
  // Accepted envelopes whose every set the 997/999 refused (a syntax error the partner fixes and resends): nothing
  // reached the core, so the document is rejected, its reason in the 997/999 that went back.
  if (outcome.purchaseOrders === 0 && outcome.acknowledgementsIn === 0) return 'rejected';
  return 'processed';
}

function detailOf(outcome: ReceiptOutcome): string {
  if (outcome.notX12) return `EDI.NOT_X12: ${outcome.streamDefects.join(', ') || 'no ISA header'}`;
  return outcome.interchanges
    .map((i) => `${i.control}:${i.status}`)
    .join(' ')
    .slice(0, 2000);
}
