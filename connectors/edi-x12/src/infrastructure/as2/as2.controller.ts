import type { ServerResponse } from 'node:http';
import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@orderhub/auth';
import { PartnerConnectivityConfig } from '../../partner-connectivity.config';
import { type EdiBodyCarrier, readX12Body } from '../edi-raw-body.middleware';
import { As2Receiver } from './as2-receiver';

export const AS2_PATH = '/as2';

/** AS2 (RFC 4130) from partners: messages and asynchronous MDNs. Authenticated by the S/MIME signature, not a key. */
@ApiTags('edi')
@Controller('as2')
export class As2Controller {
  constructor(
    private readonly receiver: As2Receiver,
    private readonly config: PartnerConnectivityConfig,
  ) {}

  @Post()
  @Public()
  @ApiConsumes('application/pkcs7-mime', 'multipart/signed', 'application/edi-x12')
  @ApiOperation({ summary: 'An AS2 message (answered with its MDN, or 200 when the MDN is asynchronous) or an asynchronous MDN' })
  async receive(@Req() req: EdiBodyCarrier, @Res() res: ServerResponse): Promise<void> {
    const body = await readX12Body(req, this.config.as2MaxBodyBytes);
    const answer = await this.receiver.handle({ headers: req.headers, body });
    res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(answer.body.length) });
    res.end(answer.body);
  }
}
