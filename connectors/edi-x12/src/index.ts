// Public surface of the EDI X12 channel.
export { EdiX12Module, EDI_X12_ENTITIES } from './edi-x12.module';
export { EdiX12Config } from './edi-x12.config';
export { EdiErrorCode, EdiErrors, httpStatusForEdiCode } from './domain/edi.errors';
export type {
  TradingPartner,
  PartnerDraft,
  PartnerView,
  PartnerDestination,
  PartnerDelimiters,
  PartnerDocument,
  PartnerVersion,
} from './domain/trading-partner';
export { DEFAULT_PARTNER_DELIMITERS, DEFAULT_DUPLICATE_WINDOW_HOURS } from './domain/trading-partner';
export { hashPartnerApiKey } from './domain/partner-api-key';
export { MAX_CONTROL_NUMBER } from './domain/control-number';
export { TradingPartnerRepository, ControlNumberSequence, InterchangeReceipts, OutboundTransport } from './application/ports';
export type { InterchangeStatus, InterchangeReceipt, OutboundFile } from './application/ports';
export { ReceiveX12UseCase } from './application/receive-x12.use-case';
export type { ReceiptOutcome, InterchangeSummary } from './application/receive-x12.use-case';
export { ManagePartnersUseCase } from './application/manage-partners.use-case';
export { SendPartnerDocumentUseCase } from './application/send-partner-document.use-case';
export { DEMO_PARTNER } from './application/seed-partners.use-case';
export { DropFolderWatcher, inboundFolder } from './infrastructure/drop-folder.watcher';
export { outboundFolder } from './infrastructure/folder-outbound.transport';
export { ediRawBodyMiddleware, INBOUND_X12_PATH } from './infrastructure/edi-raw-body.middleware';
