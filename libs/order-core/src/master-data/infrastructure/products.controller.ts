import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@orderhub/auth';
import { CreateProductUseCase } from '../application/create-product.use-case';
import { listQuerySchema, parseInput } from '../application/master-data.schemas';
import type { Page } from '../application/page';
import { ProductStore } from '../application/product-catalog.port';
import { UpdateProductUseCase } from '../application/update-product.use-case';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import type { Product } from '../domain/product';
import { ApiListQuery, MasterDataApi } from './api-docs';

@ApiTags('master data')
@MasterDataApi()
@Controller('api/v1/products')
export class ProductsController {
  constructor(
    private readonly products: ProductStore,
    private readonly createProduct: CreateProductUseCase,
    private readonly updateProduct: UpdateProductUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a product (409 PRODUCT.SKU_TAKEN); listPrice is a decimal string per base uom' })
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        sku: 'WID-100',
        description: 'Widget, steel, 100 mm',
        upc: '036000291452',
        uom: 'EA',
        listPrice: '4.25',
        conversions: [{ uom: 'CS', factor: '12' }],
      },
    },
  })
  create(@Body() body: unknown): Promise<Product> {
    return this.createProduct.execute(body);
  }

  @Get()
  @ApiOperation({ summary: 'List products by sku' })
  @ApiListQuery('sku, UPC and GTIN by prefix, description anywhere')
  list(@Query() query: unknown): Promise<Page<Product>> {
    return this.products.list(parseInput(listQuerySchema, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One product by id or sku (404 PRODUCT.NOT_FOUND)' })
  async get(@Param('id') idOrSku: string): Promise<Product> {
    const product = (await this.products.findById(idOrSku)) ?? (await this.products.findBySku(idOrSku));
    if (!product) throw MasterDataNotFoundError.product(idOrSku);
    return product;
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a product by id or sku (the sku itself is fixed); conversions, when given, replace' })
  @ApiBody({ schema: { type: 'object', example: { listPrice: '4.40', discontinued: false } } })
  update(@Param('id') idOrSku: string, @Body() body: unknown): Promise<Product> {
    return this.updateProduct.execute(idOrSku, body);
  }
}
