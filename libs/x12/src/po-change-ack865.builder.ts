import type { OrderChangeAnswered } from '@orderhub/contracts';
import { productIdElements, X12BuildOptions } from './x12-documents';
import { formatReal, formatX12Date } from './x12-values';
import type { X12SegmentDraft, X12TransactionSetDraft } from './x12.writer';

/**
 * 865 purchase order change acknowledgment from the core's OrderChangeAnswered, 004010 and 005010. BCA01 echoes
 * the change's purpose, BCA02 says AT accepted, AC accepted with changes (some lines refused), RJ rejected; one POC
 * per requested line change with its ACK: IA applied, IR refused.
 */
export interface PoChangeAck865Options extends X12BuildOptions {
  acknowledgedAt?: Date;
}

const PURPOSE = { change: '04', cancel: '01', replace: '05' } as const;
const BCA02 = { accepted: 'AT', 'accepted-with-changes': 'AC', rejected: 'RJ' } as const;

export function buildPoChangeAck865(event: OrderChangeAnswered, options: PoChangeAck865Options): X12TransactionSetDraft {
  const today = formatX12Date(options.acknowledgedAt ?? new Date());
  const segments: X12SegmentDraft[] = [];
  segments.push([
    'BCA',
    PURPOSE[event.purpose],
    BCA02[event.outcome],
    event.poNumber,
    undefined,
    event.changeSequence?.slice(0, 8),
    event.poDate ? formatX12Date(event.poDate) : today,
    undefined,
    undefined,
    undefined,
    today,
  ]);
  for (const line of event.lines) {
    const quantity = line.quantity !== undefined ? formatReal(line.quantity) : undefined;
    const uom = line.uom && /^[A-Z0-9]{2}$/.test(line.uom) ? line.uom : undefined;
    const price = line.unitPrice !== undefined ? formatReal(line.unitPrice) : undefined;
    segments.push([
      'POC',
      line.buyerLineNumber.slice(0, 20),
      line.changeType,
      quantity,
      undefined,
      uom ? [uom] : undefined,
      price,
      price !== undefined ? 'PE' : undefined,
      ...productIdElements(line.productIds),
    ]);
    const status = line.status === 'accepted' ? 'IA' : 'IR';
    segments.push(quantity !== undefined && uom ? ['ACK', status, quantity, uom] : ['ACK', status]);
  }
  segments.push(['CTT', String(event.lines.length)]);
  return { id: '865', controlNumber: options.controlNumber, segments };
}
