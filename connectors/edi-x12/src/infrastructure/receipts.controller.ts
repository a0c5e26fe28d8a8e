import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@orderhub/auth';
import { GetReceiptQuery } from '../application/get-receipt.query';

@ApiTags('edi')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/v1/receipts')
export class ReceiptsController {
  constructor(private readonly query: GetReceiptQuery) {}

  @Get(':receiptId')
  @ApiOperation({ summary: 'An inbound EDI receipt: its interchanges and the TA1/997/999 sent back' })
  get(@Param('receiptId', ParseUUIDPipe) receiptId: string) {
    return this.query.execute(receiptId);
  }
}
