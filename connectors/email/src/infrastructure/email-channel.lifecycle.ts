import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { DocumentDelivererRegistry } from '@orderhub/order-core';
import { ProcessInboundEmailUseCase, type EmailOutcome } from '../application/process-inbound-email.use-case';
import { EmailDocumentDeliverer } from './email-document.deliverer';
import type { EmailChannelSettings } from './email-channel.config';
import { ImapMailboxReader } from './imap-mailbox.reader';
import { SandboxedPdfTextExtractor } from './sandboxed-pdf-text.extractor';
import { SmtpConfirmationMailer } from './smtp-confirmation.mailer';
import { countInboundDocument } from '@orderhub/platform';

export const EMAIL_CHANNEL_SETTINGS = Symbol('EMAIL_CHANNEL_SETTINGS');

/**
 * Starts and stops what the email channel runs in the background. The mailbox is read only once the whole
 * application is up (bootstrap), and only when IMAP is configured; it stops before the database closes
 * (before-shutdown), and the PDF sandbox children and the SMTP pool go last.
 */
@Injectable()
export class EmailChannelLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('email-channel');
  private reader: ImapMailboxReader | null = null;

  constructor(
    @Inject(EMAIL_CHANNEL_SETTINGS) private readonly settings: EmailChannelSettings,
    private readonly processor: ProcessInboundEmailUseCase,
    private readonly extractor: SandboxedPdfTextExtractor,
    private readonly smtp: SmtpConfirmationMailer,
    private readonly deliverers: DocumentDelivererRegistry,
    private readonly deliverer: EmailDocumentDeliverer,
  ) {}

  onModuleInit(): void {
    this.deliverers.register(this.deliverer);
  }

  onApplicationBootstrap(): void {
    const { imap, smtp } = this.settings;
    this.logger.log(smtp ? `replies via SMTP ${smtp.host}:${smtp.port}` : 'SMTP_HOST unset: replies are stored as undeliverable');
    if (!imap) {
      this.logger.log('IMAP_HOST unset: email channel off');
      return;
    }
    const reader = new ImapMailboxReader(imap, this.processor, {
      info: (message, data) => this.logger.log(data ? `${message} ${JSON.stringify(data)}` : message),
      warn: (message, data) => this.logger.warn(data ? `${message} ${JSON.stringify(data)}` : message),
    });
    reader.on('processed', (outcome: EmailOutcome) => {
      countInboundDocument('email');
      this.logger.log(
        `email ${outcome.messageId ?? outcome.emailDocumentId} from ${outcome.sender}: ${outcome.status}, moved to ${outcome.folder}`,
      );
    });
    this.reader = reader;
    reader.start();
    this.logger.log(`reading ${imap.user}@${imap.host}:${imap.port}/${imap.mailbox}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.reader?.stop();
    this.reader = null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.extractor.close();
    this.smtp.close();
  }
}
