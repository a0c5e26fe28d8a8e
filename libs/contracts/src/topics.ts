import type { z } from 'zod';
import {
  exceptionResolvedSchema,
  invoiceIssuedSchema,
  orderAcknowledgedSchema,
  orderChangeAnsweredSchema,
  orderChangeRequestedSchema,
  purchaseOrderChangeReceivedSchema,
  purchaseOrderFlaggedSchema,
  purchaseOrderReceivedSchema,
  purchaseOrderRejectedSchema,
} from './events';

/** Topic names and the payload each carries: one place, so producer and consumer cannot disagree. */
export const Topics = {
  PurchaseOrderReceived: 'orderhub.purchase-order.received.v1',
  OrderChangeRequested: 'orderhub.order.change-requested.v1',
  OrderAcknowledged: 'orderhub.order.acknowledged.v1',
  PurchaseOrderFlagged: 'orderhub.purchase-order.flagged.v1',
  PurchaseOrderRejected: 'orderhub.purchase-order.rejected.v1',
  InvoiceIssued: 'orderhub.invoice.issued.v1',
  PurchaseOrderChangeReceived: 'orderhub.purchase-order.change-received.v1',
  OrderChangeAnswered: 'orderhub.order.change-answered.v1',
  ExceptionResolved: 'orderhub.exception.resolved.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const topicSchemas = {
  [Topics.PurchaseOrderReceived]: purchaseOrderReceivedSchema,
  [Topics.OrderChangeRequested]: orderChangeRequestedSchema,
  [Topics.OrderAcknowledged]: orderAcknowledgedSchema,
  [Topics.PurchaseOrderFlagged]: purchaseOrderFlaggedSchema,
  [Topics.PurchaseOrderRejected]: purchaseOrderRejectedSchema,
  [Topics.InvoiceIssued]: invoiceIssuedSchema,
  [Topics.PurchaseOrderChangeReceived]: purchaseOrderChangeReceivedSchema,
  [Topics.OrderChangeAnswered]: orderChangeAnsweredSchema,
  [Topics.ExceptionResolved]: exceptionResolvedSchema,
} as const satisfies Record<TopicName, z.ZodType>;

export type TopicPayload<T extends TopicName> = z.infer<(typeof topicSchemas)[T]>;

/** Where a message goes after its retries are spent or it fails validation; the reason travels with it. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
