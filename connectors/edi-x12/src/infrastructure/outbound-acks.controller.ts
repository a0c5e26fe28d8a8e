import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@orderhub/auth';
import { NotFoundError } from '@orderhub/contracts';
import { OutboundDocuments } from '@orderhub/order-core';
import { TransactionRunner } from '@orderhub/persistence';
import { z } from 'zod';
import { EdiDocumentDeliverer } from '../application/edi-document.deliverer';
import { OutboundAckLedger } from '../application/outbound-ack-ledger';
import { TradingPartnerRepository } from '../application/ports';
import { EdiErrors } from '../domain/edi.errors';

const listQuery = z.object({
  status: z.enum(['awaiting', 'overdue', 'rejected', 'accepted']).optional(),
  partnerId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** What partners said about the documents we sent them: accepted, rejected with their codes, or overdue; re-send. */
@ApiTags('edi')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/v1/edi/acknowledgements')
export class OutboundAcksController {
  constructor(
    private readonly ledger: OutboundAckLedger,
    private readonly documents: OutboundDocuments,
    private readonly deliverer: EdiDocumentDeliverer,
    private readonly partners: TradingPartnerRepository,
    private readonly tx: TransactionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Our EDI documents and the partner acknowledgement of each (status=overdue|rejected|awaiting|accepted)' })
  async list(@Query() query: Record<string, string>) {
    const parsed = listQuery.safeParse(query);
    if (!parsed.success) throw EdiErrors.partnerInvalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    return this.ledger.list(parsed.data, new Date());
  }

  @Post(':documentId/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver the document again, byte for byte, and await its acknowledgement anew' })
  async resend(@Param('documentId', ParseUUIDPipe) documentId: string) {
    const ack = await this.ledger.get(documentId);
    const document = ack ? await this.documents.get(documentId) : null;
    if (!ack || !document) throw new NotFoundError('EDI.DOCUMENT_NOT_FOUND', `no acknowledged EDI document ${documentId}`);
    const partner = await this.partners.findById(ack.partnerId);
    await this.deliverer.deliverAndRecord([document]);
    const dueAt = new Date(Date.now() + (partner?.ackOverdueHours ?? 24) * 3_600_000);
    await this.tx.run(() => this.ledger.resent(documentId, dueAt));
    return { ...(await this.ledger.get(documentId)), delivery: (await this.documents.get(documentId))?.status };
  }
}
