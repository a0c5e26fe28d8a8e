import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CHANNELS, isDecimal, isPositive, mul, NotFoundError } from '@orderhub/contracts';
import { priceLine } from '@orderhub/pricing';
import { parseBody } from '../../exceptions/infrastructure/exceptions.controller';
import { CustomerDirectory, PriceRuleRepository, ProductCatalog, StockLedger } from '../../master-data';
import { pricePerOrderedUnit } from '../application/order-evaluator';

const quoteSchema = z.object({
  customerId: z.string().uuid(),
  channel: z.enum(CHANNELS).default('phone'),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1).max(80),
        quantity: z.union([z.string(), z.number()]).transform(String).refine(isDecimal),
        uom: z.string().max(4).optional(),
      }),
    )
    .min(1)
    .max(200),
});

/** Live prices for the phone form: the same engine and rules the order will be raised with. */
@ApiTags('pricing')
@ApiBearerAuth()
@Controller('api/v1/pricing')
export class PricingController {
  constructor(
    private readonly customers: CustomerDirectory,
    private readonly catalog: ProductCatalog,
    private readonly rules: PriceRuleRepository,
    private readonly stock: StockLedger,
  ) {}

  @Post('quote')
  @HttpCode(200)
  async quote(@Body() body: unknown) {
    const q = parseBody(quoteSchema, body);
    const customer = await this.customers.findById(q.customerId);
    if (!customer) throw new NotFoundError('CUSTOMER.NOT_FOUND', `customer ${q.customerId} not found`);
    const now = new Date();
    const lines = [];
    for (const line of q.lines) {
      const product = await this.catalog.findBySku(line.sku);
      if (!product) {
        lines.push({ sku: line.sku, quantity: line.quantity, error: { code: 'PRODUCT.UNKNOWN', message: `no product ${line.sku}` } });
        continue;
      }
      const uom = (line.uom ?? product.uom).toUpperCase();
      const factor = (await this.catalog.uomFactor(product.sku, uom)) ?? '1';
      const base = mul(line.quantity, factor);
      const [availability] = await this.stock.availability([product.sku]);
      if (!isPositive(base)) {
        lines.push({
          sku: line.sku,
          quantity: line.quantity,
          error: { code: 'LINE.QUANTITY_NOT_POSITIVE', message: 'quantity must be positive' },
        });
        continue;
      }
      const rules = await this.rules.applicableRules(product.sku, customer.id, customer.customerGroup, q.channel, now);
      const priced = priceLine(
        {
          product: { sku: product.sku, listPrice: product.listPrice, uom: product.uom },
          customer: { id: customer.id, groups: customer.customerGroup ? [customer.customerGroup] : [] },
          channel: q.channel,
          quantity: base,
          at: now,
          rules,
        },
        { pricePlaces: 4 },
      );
      lines.push({
        sku: product.sku,
        description: product.description,
        quantity: line.quantity,
        uom,
        unitPrice: pricePerOrderedUnit(priced.unitPrice, factor),
        listPrice: pricePerOrderedUnit(priced.listPrice, factor),
        applied: priced.applied,
        available: availability?.available ?? '0',
        discontinued: product.discontinued,
      });
    }
    return { customerId: customer.id, channel: q.channel, lines };
  }
}
