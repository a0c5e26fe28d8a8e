import MailComposer from 'nodemailer/lib/mail-composer';

export interface OrderEmailOptions {
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  messageId?: string;
  attachments?: Array<{ filename: string; content: Buffer | string; contentType?: string }>;
}

/** A real MIME message (nodemailer's composer), as a customer's mail client would send it. */
export function anOrderEmail(options: OrderEmailOptions = {}): Promise<Buffer> {
  return new MailComposer({
    from: options.from ?? 'Buyer <buyer@acme.example>',
    to: options.to ?? 'orders@hub.example',
    subject: options.subject ?? 'Purchase order',
    text: options.text ?? 'Please find our purchase order attached.',
    messageId: options.messageId ?? `<${Math.random().toString(36).slice(2)}@acme.example>`,
    date: new Date('2024-03-15T10:00:00Z'),
    attachments: (options.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType ?? 'application/pdf',
    })),
  })
    .compile()
    .build();
}
