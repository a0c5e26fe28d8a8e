import { Logger, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrderCoreServicesModule } from '@orderhub/order-core';
import { HUB_CONFIG, type HubConfig } from '@orderhub/common';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { ConfirmationMailer } from './application/confirmation.mailer';
import { ExtractPurchaseOrderUseCase } from './application/extract-purchase-order.use-case';
import { PdfTextExtractor } from './application/pdf-text.extractor';
import {
  CustomerContacts,
  CustomerDirectory,
  EmailIntakeSink,
  LayoutTemplateRepository,
  ProductCatalog,
  ReplyOutbox,
} from './application/ports';
import { LearnLayoutFromCorrectionUseCase } from './application/learn-layout-from-correction.use-case';
import { ProcessInboundEmailUseCase } from './application/process-inbound-email.use-case';
import { ReplyToOrderEventsUseCase } from './application/reply-to-order-events.use-case';
import { emailChannelSettings, type EmailChannelSettings } from './infrastructure/email-channel.config';
import { EMAIL_CHANNEL_SETTINGS, EmailChannelLifecycle } from './infrastructure/email-channel.lifecycle';
import { EmailDocumentDeliverer } from './infrastructure/email-document.deliverer';
import { EmailLayoutTemplateEntity } from './infrastructure/email-layout-template.entity';
import { EmailTemplatesController } from './infrastructure/email-templates.controller';
import { OrderCoreCustomerDirectory } from './infrastructure/order-core-customer-directory.adapter';
import { OrderCoreProductCatalog } from './infrastructure/order-core-product-catalog.adapter';
import { LayoutLearningConsumer } from './infrastructure/layout-learning.consumer';
import { OrderEmailRepliesConsumer } from './infrastructure/order-email-replies.consumer';
import { OutboxEmailIntakeSink } from './infrastructure/outbox-email-intake.sink';
import { RecordedEmailSender } from './infrastructure/recorded-email.sender';
import { SandboxedPdfTextExtractor } from './infrastructure/sandboxed-pdf-text.extractor';
import { SmtpConfirmationMailer } from './infrastructure/smtp-confirmation.mailer';
import { TypeormLayoutTemplateRepository } from './infrastructure/typeorm-layout-template.repository';

function providers(): Provider[] {
  return [
    {
      provide: EMAIL_CHANNEL_SETTINGS,
      // Validated when the module boots: a bad IMAP_*/SMTP_* value stops the process and names the variable.
      useFactory: (config: HubConfig): EmailChannelSettings => {
        const settings = emailChannelSettings(config);
        if (settings.imap && !settings.smtp)
          new Logger('email-channel').warn('IMAP is configured but SMTP is not: customers will get no replies');
        return settings;
      },
      inject: [HUB_CONFIG],
    },
    // Ports over the order core and the database.
    OrderCoreCustomerDirectory,
    { provide: CustomerDirectory, useExisting: OrderCoreCustomerDirectory },
    { provide: CustomerContacts, useExisting: OrderCoreCustomerDirectory },
    { provide: ProductCatalog, useClass: OrderCoreProductCatalog },
    TypeormLayoutTemplateRepository,
    { provide: LayoutTemplateRepository, useExisting: TypeormLayoutTemplateRepository },
    { provide: EmailIntakeSink, useClass: OutboxEmailIntakeSink },
    // PDF text runs in child processes: a hostile PDF dies there, not in the hub.
    { provide: SandboxedPdfTextExtractor, useFactory: () => new SandboxedPdfTextExtractor() },
    { provide: PdfTextExtractor, useExisting: SandboxedPdfTextExtractor },
    {
      provide: SmtpConfirmationMailer,
      useFactory: (settings: EmailChannelSettings) => new SmtpConfirmationMailer(settings.smtp),
      inject: [EMAIL_CHANNEL_SETTINGS],
    },
    EmailDocumentDeliverer,
    RecordedEmailSender,
    { provide: ConfirmationMailer, useExisting: RecordedEmailSender },
    { provide: ReplyOutbox, useExisting: RecordedEmailSender },
    {
      provide: ExtractPurchaseOrderUseCase,
      useFactory: (pdfText: PdfTextExtractor, catalog: ProductCatalog, templates: LayoutTemplateRepository) =>
        new ExtractPurchaseOrderUseCase(pdfText, catalog, templates),
      inject: [PdfTextExtractor, ProductCatalog, LayoutTemplateRepository],
    },
    {
      provide: ProcessInboundEmailUseCase,
      useFactory: (
        raw: RawDocumentStore,
        tx: TransactionRunner,
        customers: CustomerDirectory,
        extractor: ExtractPurchaseOrderUseCase,
        sink: EmailIntakeSink,
        mailer: ConfirmationMailer,
      ) => new ProcessInboundEmailUseCase(raw, tx, customers, extractor, sink, mailer),
      inject: [RawDocumentStore, TransactionRunner, CustomerDirectory, ExtractPurchaseOrderUseCase, EmailIntakeSink, ConfirmationMailer],
    },
    {
      provide: ReplyToOrderEventsUseCase,
      useFactory: (replies: ReplyOutbox, contacts: CustomerContacts) => new ReplyToOrderEventsUseCase(replies, contacts),
      inject: [ReplyOutbox, CustomerContacts],
    },
    {
      provide: LearnLayoutFromCorrectionUseCase,
      useFactory: (raw: RawDocumentStore, pdfText: PdfTextExtractor, templates: LayoutTemplateRepository) =>
        new LearnLayoutFromCorrectionUseCase(raw, pdfText, templates),
      inject: [RawDocumentStore, PdfTextExtractor, LayoutTemplateRepository],
    },
    EmailChannelLifecycle,
  ];
}

/**
 * The email channel: reads the IMAP mailbox (when IMAP_HOST is set) into purchase orders or exceptions, replies
 * over SMTP to what the order core decides (confirmation, rejection, invoice), keeps every sent email with the
 * order's documents, and serves the per-customer layout templates. Needs the global persistence, messaging and
 * order-core modules.
 */
@Module({
  imports: [OrderCoreServicesModule, TypeOrmModule.forFeature([EmailLayoutTemplateEntity])],
  controllers: [EmailTemplatesController, OrderEmailRepliesConsumer, LayoutLearningConsumer],
  providers: providers(),
  exports: [ProcessInboundEmailUseCase, ExtractPurchaseOrderUseCase, LayoutTemplateRepository, SmtpConfirmationMailer],
})
export class EmailModule {}
