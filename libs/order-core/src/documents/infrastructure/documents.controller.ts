import { Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@orderhub/auth';
import { NotFoundError } from '@orderhub/contracts';
import { RawDocumentStore } from '@orderhub/persistence';
import { DocumentDelivererRegistry, OutboundDocuments } from '../application/outbound-documents';

/** Raw inbound documents (the source of every order) and re-sending what went back. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1')
export class DocumentsController {
  constructor(
    private readonly raw: RawDocumentStore,
    private readonly outbound: OutboundDocuments,
    private readonly deliverers: DocumentDelivererRegistry,
  ) {}

  @Get('raw-documents/:id')
  async rawDocument(@Param('id', ParseUUIDPipe) id: string) {
    const doc = await this.raw.get(id);
    if (!doc) throw new NotFoundError('DOCUMENT.NOT_FOUND', `raw document ${id} not found`);
    return doc;
  }

  @Get('raw-documents/:id/content')
  async rawContent(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const doc = await this.raw.get(id);
    const content = doc && (await this.raw.content(id));
    if (!doc || !content) throw new NotFoundError('DOCUMENT.NOT_FOUND', `raw document ${id} not found`);
    // Shown inline for PDFs; anything else as text, never as HTML (it is untrusted input).
    const type = doc.contentType.startsWith('application/pdf')
      ? 'application/pdf'
      : doc.contentType.includes('json')
        ? 'application/json'
        : 'text/plain; charset=utf-8';
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Content-Disposition', `inline; filename="${doc.id}"`);
    res.send(content);
  }

  @Get('documents/:id')
  async document(@Param('id', ParseUUIDPipe) id: string) {
    const doc = await this.outbound.get(id);
    if (!doc) throw new NotFoundError('DOCUMENT.NOT_FOUND', `document ${id} not found`);
    return doc;
  }

  /** Delivers a stored document again over its channel (partner folder, SMTP), exactly as first written. */
  @Post('documents/:id/resend')
  @Roles('operator')
  async resend(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    const doc = await this.outbound.get(id);
    if (!doc) throw new NotFoundError('DOCUMENT.NOT_FOUND', `document ${id} not found`);
    const deliverer = this.deliverers.for(doc.channel);
    if (!deliverer) {
      // Split deployment: the transport lives in another process (ingest). Mark the document due; that
      // process's redelivery pass sends it.
      await this.outbound.requeue(doc.id);
      return { id: doc.id, status: 'queued', resentBy: user.email };
    }
    const outcome = await deliverer.deliver(doc);
    await this.outbound.recordDelivery(doc.id, outcome);
    return { id: doc.id, status: outcome.status, error: outcome.error, resentBy: user.email };
  }
}
