import { ConflictError, HubError, InvalidInputError, NotFoundError, PayloadTooLargeError, UnauthorizedError } from '@orderhub/contracts';

/**
 * Every failure the EDI door can produce, with its HTTP status in one exhaustive switch: a new code does not
 * compile until it has one. The global HTTP filter maps the error classes; this table is what the tests and the
 * README promise.
 */
export const EdiErrorCode = {
  ApiKeyRequired: 'AUTH.API_KEY_REQUIRED',
  UnknownPartner: 'EDI.UNKNOWN_PARTNER',
  PayloadTooLarge: 'EDI.PAYLOAD_TOO_LARGE',
  NotX12: 'EDI.NOT_X12',
  EmptyBody: 'EDI.EMPTY_BODY',
  PartnerInvalid: 'EDI.PARTNER_INVALID',
  PartnerDuplicate: 'EDI.PARTNER_DUPLICATE',
  PartnerNotFound: 'EDI.PARTNER_NOT_FOUND',
  CustomerUnknown: 'EDI.CUSTOMER_UNKNOWN',
  ReceiptNotFound: 'EDI.RECEIPT_NOT_FOUND',
  PartnersFileInvalid: 'EDI.PARTNERS_FILE_INVALID',
  DocumentNotInProfile: 'EDI.DOCUMENT_NOT_IN_PROFILE',
} as const;
export type EdiErrorCode = (typeof EdiErrorCode)[keyof typeof EdiErrorCode];

export function httpStatusForEdiCode(code: EdiErrorCode): number {
  switch (code) {
    case EdiErrorCode.ApiKeyRequired:
    case EdiErrorCode.UnknownPartner:
      return 401;
    case EdiErrorCode.PayloadTooLarge:
      return 413;
    case EdiErrorCode.NotX12:
    case EdiErrorCode.EmptyBody:
    case EdiErrorCode.PartnerInvalid:
    case EdiErrorCode.CustomerUnknown:
    case EdiErrorCode.PartnersFileInvalid:
      return 400;
    case EdiErrorCode.PartnerDuplicate:
    case EdiErrorCode.DocumentNotInProfile:
      return 409;
    case EdiErrorCode.PartnerNotFound:
    case EdiErrorCode.ReceiptNotFound:
      return 404;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${String(unhandled)}`);
    }
  }
}

export const EdiErrors = {
  apiKeyRequired: (): HubError =>
    new UnauthorizedError(EdiErrorCode.ApiKeyRequired, 'X-Api-Key header with the trading partner key is required'),
  // Same message whether the key is unknown or the partner inactive: the answer does not help a prober.
  unknownPartner: (): HubError =>
    new UnauthorizedError(EdiErrorCode.UnknownPartner, 'the API key does not belong to an active trading partner'),
  payloadTooLarge: (size: number, limit: number): HubError =>
    new PayloadTooLargeError(
      EdiErrorCode.PayloadTooLarge,
      `X12 body of ${size} bytes exceeds the limit of ${limit} bytes (use the drop folder for larger files)`,
      { size, limit },
    ),
  notX12: (receiptId: string, defects: string[]): HubError =>
    new InvalidInputError(EdiErrorCode.NotX12, 'the body holds no X12 interchange (no ISA header found)', { receiptId, defects }),
  emptyBody: (): HubError => new InvalidInputError(EdiErrorCode.EmptyBody, 'the body is empty'),
  partnerInvalid: (issues: string[]): HubError => new InvalidInputError(EdiErrorCode.PartnerInvalid, 'invalid trading partner', { issues }),
  partnerDuplicate: (qualifier: string, id: string): HubError =>
    new ConflictError(EdiErrorCode.PartnerDuplicate, `a trading partner with ISA id ${qualifier}/${id} already exists`, {
      isaQualifier: qualifier,
      isaId: id,
    }),
  documentNotInProfile: (partner: string, document: string): HubError =>
    new ConflictError(
      EdiErrorCode.DocumentNotInProfile,
      `trading partner ${partner} does not take ${document}: add it to the profile's documents`,
      { document },
    ),
  partnerNotFound: (id: string): HubError => new NotFoundError(EdiErrorCode.PartnerNotFound, `trading partner ${id} not found`),
  customerUnknown: (customerId: string): HubError =>
    new InvalidInputError(EdiErrorCode.CustomerUnknown, `customer ${customerId} does not exist`, { customerId }),
  receiptNotFound: (id: string): HubError => new NotFoundError(EdiErrorCode.ReceiptNotFound, `EDI receipt ${id} not found`),
  partnersFileInvalid: (path: string, issues: string[]): HubError =>
    new InvalidInputError(EdiErrorCode.PartnersFileInvalid, `HUB_PARTNERS_FILE ${path} is invalid`, { path, issues }),
};
