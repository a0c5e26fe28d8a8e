export { addDays, businessDate } from './business-date';
export { ORDER_PROBLEM_CODES, problemResolution } from './order-problem';
export type { OrderProblem, OrderProblemCode, ProblemResolution } from './order-problem';
export { normalizeGtin, resolveProduct } from './product-resolution';
export type { CatalogLookups, IdentifierAttempt, IdentifierOutcome, MatchSource, ProductResolution } from './product-resolution';
export { checkPrice, resolveShipTo, validatePurchaseOrder } from './order-validation';
export type {
  CatalogProductFacts,
  LineValidationContext,
  OrderValidation,
  PriceCheck,
  PriceTolerance,
  ShipToResolution,
  UomAvailability,
  ValidationContext,
  ValidationCustomer,
} from './order-validation';
export { ackCodeFor, decideLine, decideOrder, isChange } from './line-decision';
export type {
  AckCode,
  DecidedLine,
  LineAck,
  LineDecisionInput,
  LineDecisionPolicy,
  LineStatus,
  OrderDecision,
  OrderOutcome,
} from './line-decision';
export {
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  canTransition,
  isFinal,
  statusAfterCancel,
  statusAfterInvoice,
  statusAfterShipment,
  transition,
} from './order-status';
export type { LineShipmentProgress, OrderStatus } from './order-status';
export { InvalidOrderTransitionError, OvershipmentError } from './order-domain.errors';
export { CUSTOMER_MATCHING_RULES, customerKeyOf } from './customer-identification';
export type { CustomerKey } from './customer-identification';
export { completeSscc, gs1CheckDigit } from './sscc';
