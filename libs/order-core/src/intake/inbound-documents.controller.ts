import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@orderhub/auth';
import { CHANNELS, NotFoundError } from '@orderhub/contracts';
import { RawDocumentStore } from '@orderhub/persistence';
import { parseBody } from '../exceptions/infrastructure/exceptions.controller';
import { InboundDocumentsQuery } from './inbound-documents.query';
import { ReplayInboundDocumentUseCase } from './replay-inbound-document.use-case';

const listSchema = z.object({
  channel: z.enum(CHANNELS).optional(),
  status: z.enum(['received', 'processed', 'flagged', 'rejected', 'duplicate', 'failed']).optional(),
  sender: z.string().min(1).max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Every stored inbound document with its status and outcome (API.md "Inbound documents"). */
@ApiTags('inbound-documents')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/v1/inbound-documents')
export class InboundDocumentsController {
  constructor(
    private readonly query: InboundDocumentsQuery,
    private readonly raw: RawDocumentStore,
    private readonly replayUseCase: ReplayInboundDocumentUseCase,
  ) {}

  @Get()
  list(@Query() query: Record<string, string>) {
    return this.query.list(parseBody(listSchema, query));
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const doc = await this.query.get(id);
    if (!doc) throw new NotFoundError('INBOUND.NOT_FOUND', `inbound document ${id} not found`);
    return doc;
  }

  /** The exact bytes as received, as a download: never rendered (it is untrusted input). */
  @Get(':id/raw')
  async rawBytes(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const doc = await this.raw.get(id);
    const content = doc && (await this.raw.content(id));
    if (!doc || !content) throw new NotFoundError('INBOUND.NOT_FOUND', `inbound document ${id} not found`);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Content-Disposition', `attachment; filename="${doc.id}"`);
    res.setHeader('X-Original-Content-Type', doc.contentType.replace(/[^\x20-\x7e]/g, '?').slice(0, 100));
    res.setHeader('Digest', `sha-256=${Buffer.from(doc.sha256.trim(), 'hex').toString('base64')}`);
    res.send(content);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('admin')
  replay(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.replayUseCase.execute(id, `user:${user.email}`);
  }
}
