import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '@orderhub/auth';
import { ManagePartnersUseCase } from '../application/manage-partners.use-case';
import { ReceiveX12UseCase } from '../application/receive-x12.use-case';
import { EdiErrors } from '../domain/edi.errors';
import { EdiX12Config } from '../edi-x12.config';
import { type EdiBodyCarrier, readX12Body } from './edi-raw-body.middleware';
import { countInboundDocument } from '@orderhub/platform';

/** The partners' HTTP door: raw X12 bytes in, a receipt out (acks follow to the partner's outbound folder). */
@ApiTags('edi')
@Controller('api/v1/inbound')
export class InboundX12Controller {
  constructor(
    private readonly partners: ManagePartnersUseCase,
    private readonly receive: ReceiveX12UseCase,
    private readonly config: EdiX12Config,
  ) {}

  @Post('x12')
  @Public()
  @HttpCode(202)
  @ApiSecurity('partner-key')
  @ApiConsumes('application/edi-x12', 'application/octet-stream', 'text/plain')
  @ApiOperation({ summary: 'Raw X12 (one or more interchanges, any delimiters) from a trading partner, authenticated by X-Api-Key' })
  async x12(
    @Req() req: EdiBodyCarrier,
    @Headers('x-api-key') apiKey: string | undefined,
    @Headers('content-type') contentType: string | undefined,
  ) {
    const partner = await this.partners.authenticate(apiKey);
    const content = await readX12Body(req, this.config.maxBodyBytes);
    if (content.length === 0) throw EdiErrors.emptyBody();
    const outcome = await this.receive.receive(partner, {
      via: 'http',
      contentType: (contentType ?? 'application/edi-x12').slice(0, 100),
      content,
      metadata: { userAgent: req.headers['user-agent']?.slice(0, 200), remoteAddress: req.socket.remoteAddress },
    });
    countInboundDocument('edi');
    if (outcome.notX12) throw EdiErrors.notX12(outcome.receiptId, outcome.streamDefects);
    return { receiptId: outcome.receiptId, interchanges: outcome.interchanges };
  }
}
