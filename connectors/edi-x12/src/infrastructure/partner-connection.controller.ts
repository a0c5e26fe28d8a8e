import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@orderhub/auth';
import { PartnerConnectionQuery } from '../application/partner-connection.query';

/** A partner's connection as the console shows it: status each way, last error, certificate expiry, recent exchanges. */
@ApiTags('edi')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1')
export class PartnerConnectionController {
  constructor(private readonly query: PartnerConnectionQuery) {}

  @Get('partners/:id/connection')
  @ApiOperation({ summary: 'Connection status: last exchange each way, last error, certificate expiry, the last 20 exchanges' })
  connection(@Param('id', ParseUUIDPipe) id: string) {
    return this.query.connection(id);
  }

  @Get('partners/:id/exchanges/:exchangeId')
  @ApiOperation({ summary: 'One AS2 message or SFTP file, with the MDN sent or received' })
  exchange(@Param('id', ParseUUIDPipe) id: string, @Param('exchangeId', ParseUUIDPipe) exchangeId: string) {
    return this.query.exchange(id, exchangeId);
  }

  @Get('documents/:id/exchanges')
  @ApiOperation({ summary: 'How an outbound document travelled: each AS2/SFTP attempt with its MDN' })
  documentExchanges(@Param('id', ParseUUIDPipe) id: string) {
    return this.query.forDocument(id);
  }
}
