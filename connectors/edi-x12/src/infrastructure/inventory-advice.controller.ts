import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@orderhub/auth';
import { SendInventoryAdviceUseCase } from '../application/send-inventory-advice.use-case';

@ApiTags('edi')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/partners')
export class InventoryAdviceController {
  constructor(private readonly advice: SendInventoryAdviceUseCase) {}

  @Post(':id/inventory-advice')
  @HttpCode(201)
  @ApiOperation({ summary: "Send the partner an 846 now: available-to-promise by the partner's item numbers" })
  async send(@Param('id', ParseUUIDPipe) id: string) {
    const { document, items } = await this.advice.execute(id, { kind: 'request' });
    return { documentId: document.id, controlNumber: document.controlNumber, status: document.status, items };
  }
}
