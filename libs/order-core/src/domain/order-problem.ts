/** Why a purchase order needs an operator. The codes are public (exceptions queue, API.md) and stable. */
export const ORDER_PROBLEM_CODES = [
  'CUSTOMER.UNKNOWN',
  'CUSTOMER.CREDIT_HOLD',
  'PRODUCT.UNKNOWN',
  'PRODUCT.AMBIGUOUS',
  'PRODUCT.DISCONTINUED',
  'UOM.UNCONVERTIBLE',
  'LINE.QUANTITY_NOT_POSITIVE',
  'LINE.QUANTITY_OUT_OF_RANGE',
  'LINE.QUANTITY_NOT_INTEGRAL',
  'LINE.PRICE_OUT_OF_RANGE',
  'LINE.AMOUNT_OUT_OF_RANGE',
  'SHIPTO.MISSING',
  'SHIPTO.UNKNOWN',
  'DATE.REQUESTED_IN_PAST',
  'DATE.CANCEL_AFTER_PASSED',
  'PRICE.MISMATCH',
  'ORDER.DUPLICATE_PO',
  'EXTRACTION.LOW_CONFIDENCE',
  'ORDER.TEST',
] as const;
export type OrderProblemCode = (typeof ORDER_PROBLEM_CODES)[number];

export interface OrderProblem {
  code: OrderProblemCode;
  message: string;
  /** Our 1-based line position (LineDecision.lineNumber); the buyer's own line id is in details.buyerLineNumber. */
  lineNumber?: number;
  details: Record<string, unknown>;
}

/**
 * What an operator must do about a problem before approving: `approve` means the order can go ahead as sent
 * (the operator accepts the risk), `correct` means approval needs a correction first (there is nothing to
 * ship without a customer, a product, a quantity or an address).
 */
export type ProblemResolution = 'approve' | 'correct';

export function problemResolution(code: OrderProblemCode): ProblemResolution {
  switch (code) {
    case 'CUSTOMER.UNKNOWN':
    case 'PRODUCT.UNKNOWN':
    case 'PRODUCT.AMBIGUOUS':
    case 'UOM.UNCONVERTIBLE':
    case 'LINE.QUANTITY_NOT_POSITIVE':
    case 'LINE.QUANTITY_OUT_OF_RANGE':
    case 'LINE.QUANTITY_NOT_INTEGRAL':
    case 'LINE.PRICE_OUT_OF_RANGE':
    case 'LINE.AMOUNT_OUT_OF_RANGE':
    case 'SHIPTO.MISSING':
    case 'SHIPTO.UNKNOWN':
      return 'correct';
    case 'CUSTOMER.CREDIT_HOLD':
    case 'PRODUCT.DISCONTINUED':
    case 'DATE.REQUESTED_IN_PAST':
    case 'DATE.CANCEL_AFTER_PASSED':
    case 'PRICE.MISMATCH':
    case 'ORDER.DUPLICATE_PO':
    case 'EXTRACTION.LOW_CONFIDENCE':
    case 'ORDER.TEST':
      return 'approve';
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
