import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodError } from 'zod';
import { Roles } from '@orderhub/auth';
import { InvalidInputError, NotFoundError } from '@orderhub/contracts';
import { CustomerDirectory as CoreCustomerDirectory, MasterDataNotFoundError } from '@orderhub/order-core';
import { parseLayoutTemplate, type LayoutTemplate } from '../domain/layout-template.schema';
import { TypeormLayoutTemplateRepository, type StoredLayoutTemplate } from './typeorm-layout-template.repository';

const TEMPLATE_EXAMPLE = {
  name: 'Example Hardware PO form',
  match: ['Example Hardware Co\\.'],
  dateOrder: 'MDY',
  numberStyle: 'us',
  fields: { poNumber: { label: 'PO Number' }, total: { label: 'Total' } },
  table: {
    columns: [
      { field: 'item', header: 'Item' },
      { field: 'description', header: 'Description' },
      { field: 'quantity', header: 'Qty' },
      { field: 'unitPrice', header: 'Unit Price' },
      { field: 'amount', header: 'Amount' },
    ],
  },
};

/**
 * Per-customer PDF layout templates (admin master data). The body is the template itself; its `id` and
 * `customerId` are assigned here, so a template copied from another customer cannot point elsewhere.
 */
@ApiTags('email channel')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1')
export class EmailTemplatesController {
  constructor(
    private readonly templates: TypeormLayoutTemplateRepository,
    private readonly customers: CoreCustomerDirectory,
  ) {}

  @Post('customers/:id/email-templates')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a PDF layout template for a customer (400 EMAIL_TEMPLATE.INVALID, 404 CUSTOMER.NOT_FOUND)' })
  @ApiBody({ schema: { type: 'object', example: TEMPLATE_EXAMPLE } })
  async create(@Param('id', ParseUUIDPipe) customerId: string, @Body() body: unknown): Promise<StoredLayoutTemplate> {
    await this.requireCustomer(customerId);
    // Placeholder id: the schema needs one; the repository replaces it with the row's.
    const template = validTemplate(body, 'new', customerId);
    return this.templates.create(customerId, template);
  }

  @Get('customers/:id/email-templates')
  @ApiOperation({ summary: "The customer's PDF layout templates, oldest first (404 CUSTOMER.NOT_FOUND)" })
  async list(@Param('id', ParseUUIDPipe) customerId: string): Promise<{ items: StoredLayoutTemplate[]; total: number }> {
    await this.requireCustomer(customerId);
    const items = await this.templates.list(customerId);
    return { items, total: items.length };
  }

  @Get('email-templates/:id')
  @ApiOperation({ summary: 'One layout template, learned or written by hand (404 EMAIL_TEMPLATE.NOT_FOUND)' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<StoredLayoutTemplate> {
    const found = await this.templates.get(id);
    if (!found) throw new NotFoundError('EMAIL_TEMPLATE.NOT_FOUND', `layout template ${id} not found`);
    return found;
  }

  @Put('email-templates/:id')
  @ApiOperation({
    summary:
      'Edit a layout template (a learned one too): the body replaces it, its version goes up (400 EMAIL_TEMPLATE.INVALID, 404 EMAIL_TEMPLATE.NOT_FOUND)',
  })
  @ApiBody({ schema: { type: 'object', example: TEMPLATE_EXAMPLE } })
  async replace(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown): Promise<StoredLayoutTemplate> {
    const found = await this.templates.get(id);
    if (!found) throw new NotFoundError('EMAIL_TEMPLATE.NOT_FOUND', `layout template ${id} not found`);
    const template = validTemplate(body, id, found.customerId);
    const stored = await this.templates.replace(id, template);
    if (!stored) throw new NotFoundError('EMAIL_TEMPLATE.NOT_FOUND', `layout template ${id} not found`);
    return stored;
  }

  @Delete('email-templates/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a layout template (404 EMAIL_TEMPLATE.NOT_FOUND)' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.templates.delete(id))) throw new NotFoundError('EMAIL_TEMPLATE.NOT_FOUND', `layout template ${id} not found`);
  }

  private async requireCustomer(id: string): Promise<void> {
    if (!(await this.customers.findById(id))) throw MasterDataNotFoundError.customer(id);
  }
}

function validTemplate(body: unknown, id: string, customerId: string): LayoutTemplate {
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  try {
    return parseLayoutTemplate({ ...input, id, customerId });
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    throw new InvalidInputError('EMAIL_TEMPLATE.INVALID', 'the layout template is not valid', {
      problems: error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
}
