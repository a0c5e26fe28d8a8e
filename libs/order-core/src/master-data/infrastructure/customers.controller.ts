import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@orderhub/auth';
import { AddCustomerPartNumberUseCase } from '../application/add-customer-part-number.use-case';
import { CreateCustomerUseCase } from '../application/create-customer.use-case';
import { CustomerStore } from '../application/customer-directory.port';
import { listQuerySchema, parseInput } from '../application/master-data.schemas';
import type { Page } from '../application/page';
import { UpdateCustomerUseCase } from '../application/update-customer.use-case';
import type { Customer, CustomerPartNumber } from '../domain/customer';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import { ApiListQuery, MasterDataApi } from './api-docs';

const CUSTOMER_EXAMPLE = {
  name: 'ACME Retail',
  code: 'ACME',
  emails: ['orders@acme-retail.example', '@acme-retail.example'],
  shopifyShopDomain: null,
  creditHold: false,
  customerGroup: 'retail',
  shipTo: [
    { code: '0042', name: 'ACME Store 42', address1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  ],
};

/** Reads are open to any signed-in user (operators search customers during phone entry); writes are admin-only. */
@ApiTags('master data')
@MasterDataApi()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomerStore,
    private readonly createCustomer: CreateCustomerUseCase,
    private readonly updateCustomer: UpdateCustomerUseCase,
    private readonly addPartNumber: AddCustomerPartNumberUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a customer (409 CUSTOMER.CODE_TAKEN, CUSTOMER.EMAIL_TAKEN, CUSTOMER.SHOPIFY_SHOP_TAKEN)' })
  @ApiBody({ schema: { type: 'object', example: CUSTOMER_EXAMPLE } })
  create(@Body() body: unknown): Promise<Customer> {
    return this.createCustomer.execute(body);
  }

  @Get()
  @ApiOperation({ summary: 'List customers by code' })
  @ApiListQuery('code and email entries by prefix, name anywhere')
  list(@Query() query: unknown): Promise<Page<Customer>> {
    return this.customers.list(parseInput(listQuerySchema, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One customer with its ship-tos (404 CUSTOMER.NOT_FOUND)' })
  async get(@Param('id') id: string): Promise<Customer> {
    const customer = await this.customers.findById(id);
    if (!customer) throw MasterDataNotFoundError.customer(id);
    return customer;
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a customer: given fields replace, given ship-tos are upserted by code' })
  @ApiBody({ schema: { type: 'object', example: { creditHold: true } } })
  update(@Param('id') id: string, @Body() body: unknown): Promise<Customer> {
    return this.updateCustomer.execute(id, body);
  }

  @Post(':id/part-numbers')
  @Roles('admin')
  @ApiOperation({ summary: "Map the customer's part number to our sku (201; 200 when already so; 409 CUSTOMER.PART_NUMBER_TAKEN)" })
  @ApiBody({ schema: { type: 'object', example: { partNumber: 'AC-778812', sku: 'WID-100' } } })
  async addPart(@Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<CustomerPartNumber> {
    const { mapping, created } = await this.addPartNumber.execute(id, body);
    res.status(created ? 201 : 200);
    return mapping;
  }

  @Get(':id/part-numbers')
  @ApiOperation({ summary: "The customer's part numbers" })
  @ApiListQuery('part number or sku by prefix')
  async parts(@Param('id') id: string, @Query() query: unknown): Promise<Page<CustomerPartNumber>> {
    const { q, limit, offset } = parseInput(listQuerySchema, query);
    if (!(await this.customers.findById(id))) throw MasterDataNotFoundError.customer(id);
    // A customer's cross-reference is small enough to filter here.
    const needle = q?.toLowerCase();
    const all = (await this.customers.partNumbers(id)).filter(
      (p) => !needle || p.partNumber.toLowerCase().startsWith(needle) || p.sku.toLowerCase().startsWith(needle),
    );
    return { items: all.slice(offset, offset + limit), total: all.length };
  }
}
