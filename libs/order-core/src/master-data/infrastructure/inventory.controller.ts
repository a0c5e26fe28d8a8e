import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@orderhub/auth';
import { inventoryListQuerySchema, parseInput } from '../application/master-data.schemas';
import type { Page } from '../application/page';
import { ProductCatalog } from '../application/product-catalog.port';
import { SetInventoryUseCase } from '../application/set-inventory.use-case';
import { InventoryStore, type Availability, type InventoryRow } from '../application/stock-ledger.port';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import { ApiListQuery, MasterDataApi } from './api-docs';

@ApiTags('master data')
@MasterDataApi()
@Controller('api/v1/inventory')
export class InventoryController {
  constructor(
    private readonly inventory: InventoryStore,
    private readonly products: ProductCatalog,
    private readonly setInventory: SetInventoryUseCase,
  ) {}

  @Put(':sku')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the counted on-hand quantity of one warehouse (201 new row, 200 updated; reservations stand)' })
  @ApiBody({ schema: { type: 'object', example: { warehouse: 'EAST', onHand: '120', expectedVersion: 3 } } })
  async put(@Param('sku') sku: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<InventoryRow> {
    const { row, created } = await this.setInventory.execute(sku, body);
    res.status(created ? 201 : 200);
    return row;
  }

  @Get()
  @ApiOperation({ summary: 'Inventory rows by sku and warehouse' })
  @ApiListQuery('sku by prefix')
  @ApiQuery({ name: 'warehouse', required: false })
  list(@Query() query: unknown): Promise<Page<InventoryRow>> {
    return this.inventory.list(parseInput(inventoryListQuerySchema, query));
  }

  @Get(':sku')
  @ApiOperation({ summary: 'On hand, reserved and available of one sku, per warehouse (404 PRODUCT.NOT_FOUND)' })
  async get(@Param('sku') sku: string): Promise<Availability> {
    if (!(await this.products.findBySku(sku))) throw MasterDataNotFoundError.product(sku);
    const [availability] = await this.inventory.availability([sku]);
    return availability;
  }
}
