import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditActors, Roles } from '@orderhub/auth';
import { ManagePartnersUseCase } from '../application/manage-partners.use-case';
import { partnerView } from '../domain/trading-partner';

type WithUser = { user?: { id: string } };
const actorOf = (req: WithUser): string => req.user?.id ?? AuditActors.system;

const PARTNER_EXAMPLE = {
  name: 'ACME Retail',
  customerId: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0a0001',
  isaQualifier: 'ZZ',
  isaId: 'ACMERETAIL',
  gsId: 'ACMERETAIL',
  version: '004010',
  documents: ['997', '855', '810'],
  delimiters: { element: '*', component: '>', segment: '~', repetition: '^' },
  hashTotalPolicy: 'warning',
  isaWidth: 'lenient',
  duplicateWindowHours: 72,
};

/** Trading partner profiles (admin). The API key is shown once, on create and on rotate. */
@ApiTags('edi')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/partners')
export class PartnersController {
  constructor(private readonly partners: ManagePartnersUseCase) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a trading partner; answers its API key once' })
  @ApiBody({ schema: { type: 'object', example: PARTNER_EXAMPLE } })
  async create(@Body() body: unknown, @Req() req: WithUser) {
    const { partner, apiKey } = await this.partners.create(body, actorOf(req));
    return { id: partner.id, apiKey, partner: partnerView(partner) };
  }

  @Get()
  list(@Query('limit') limit?: string, @Query('offset') offset?: string) {
    const take = Math.min(Math.max(Number.parseInt(limit ?? '50', 10) || 50, 1), 500);
    const skip = Math.max(Number.parseInt(offset ?? '0', 10) || 0, 0);
    return this.partners.list(take, skip);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.partners.get(id);
  }

  @Patch(':id')
  @ApiBody({ schema: { type: 'object', example: { documents: ['997', 'TA1', '855', '810'], hashTotalPolicy: 'reject' } } })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown, @Req() req: WithUser) {
    return partnerView(await this.partners.update(id, body, actorOf(req)));
  }

  @Post(':id/rotate-key')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a new API key (the old one stops working at once); answers it once' })
  rotate(@Param('id', ParseUUIDPipe) id: string, @Req() req: WithUser) {
    return this.partners.rotateKey(id, actorOf(req));
  }
}
