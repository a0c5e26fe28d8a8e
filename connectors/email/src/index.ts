// Email channel: emailed PDF purchase orders → canonical PurchaseOrderInput, plus confirmation replies.
export * from './domain/pdf-text';
export * from './domain/layout-template.schema';
export * from './domain/extraction-draft';
export * from './domain/purchase-order.assembler';
export * from './domain/value-parsers';
export * from './application/ports';
export * from './application/pdf-text.extractor';
export * from './application/confirmation.mailer';
export * from './application/extract-purchase-order.use-case';
export * from './application/process-inbound-email.use-case';
export * from './infrastructure/email-channel.config';
export * from './infrastructure/sandboxed-pdf-text.extractor';
export * from './infrastructure/imap-mailbox.reader';
export * from './infrastructure/smtp-confirmation.mailer';
