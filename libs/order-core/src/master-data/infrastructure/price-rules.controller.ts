import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@orderhub/auth';
import { CreatePriceRuleUseCase } from '../application/create-price-rule.use-case';
import { DeletePriceRuleUseCase } from '../application/delete-price-rule.use-case';
import { parseInput, priceRuleListQuerySchema } from '../application/master-data.schemas';
import type { Page } from '../application/page';
import { PriceRuleStore, type StoredPriceRule } from '../application/price-rule-repository.port';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import { ApiListQuery, MasterDataApi } from './api-docs';

@ApiTags('master data')
@MasterDataApi()
@Controller('api/v1/price-rules')
export class PriceRulesController {
  constructor(
    private readonly rules: PriceRuleStore,
    private readonly createRule: CreatePriceRuleUseCase,
    private readonly deleteRule: DeletePriceRuleUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a price rule (422 PRODUCT.UNKNOWN_SKU, CUSTOMER.UNKNOWN); validTo is exclusive' })
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        kind: 'promotion',
        sku: 'WID-100',
        discountPercent: '10',
        validFrom: '2026-06-01',
        validTo: '2026-07-01',
        priority: 0,
        description: 'June promotion',
      },
    },
  })
  create(@Body() body: unknown): Promise<StoredPriceRule> {
    return this.createRule.execute(body);
  }

  @Get()
  @ApiOperation({ summary: 'List price rules, by sku' })
  @ApiListQuery('sku and code by prefix, description anywhere')
  @ApiQuery({ name: 'sku', required: false })
  @ApiQuery({ name: 'customerId', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: ['contract', 'quantity-break', 'promotion', 'channel'] })
  list(@Query() query: unknown): Promise<Page<StoredPriceRule>> {
    return this.rules.list(parseInput(priceRuleListQuerySchema, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One price rule (404 PRICE_RULE.NOT_FOUND)' })
  async get(@Param('id') id: string): Promise<StoredPriceRule> {
    const rule = await this.rules.findById(id);
    if (!rule) throw MasterDataNotFoundError.priceRule(id);
    return rule;
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a price rule' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.deleteRule.execute(id);
  }
}
