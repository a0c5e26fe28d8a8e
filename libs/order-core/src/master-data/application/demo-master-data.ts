/**
 * One realistic wholesaler dataset for HUB_DEMO: a hardware distributor with an EDI retailer, an email customer,
 * a Shopify store, a phone customer and a customer on credit hold. Ids and codes are fixed so tests, the README
 * walkthrough and sample documents (X12 N1*ST*...*92*<store>, emails from @example.com) can rely on them.
 */
import type { CustomerDraft } from '../domain/customer';
import type { ProductDraft } from '../domain/product';
import type { PriceRuleDraft } from './price-rule-repository.port';

export const DEMO_WAREHOUSES = { east: 'EAST', west: 'WEST' } as const;

export const DEMO_CUSTOMERS = {
  /** EDI retailer: X12 850s name stores with N1*ST*<name>*92*<store code>. */
  acme: {
    id: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0a0001',
    code: 'ACME',
    name: 'ACME Retail',
    group: 'retail',
    shipTos: { distributionCenter: 'DC01', store42: '0042', store117: '0117' },
  },
  /** Emails purchase orders from any address at example.com. */
  example: {
    id: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0a0002',
    code: 'EXHW',
    name: 'Example Hardware Co.',
    group: 'wholesale',
    emailDomain: '@example.com',
  },
  /** Shopify store: webhooks from this shop map to this customer. */
  shopify: {
    id: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0a0003',
    code: 'NWSHOP',
    name: 'Northwind Online Store',
    group: 'ecommerce',
    shopifyShopDomain: 'orderhub-demo.myshopify.com',
  },
  /** Orders by phone through an operator. */
  phone: { id: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0a0004', code: 'BAYB', name: 'Bayside Builders', group: 'contractor' },
  /** On credit hold: every order goes to the exceptions queue. */
  creditHold: { id: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0a0005', code: 'OVRD', name: 'Overdue Supplies Ltd', group: 'wholesale' },
} as const;

/** A valid UPC-A from its first 11 digits (mod-10 check digit), so demo barcodes pass validation. */
export function upcA(first11: string): string {
  let sum = 0;
  for (let i = 0; i < 11; i += 1) sum += Number(first11[i]) * (i % 2 === 0 ? 3 : 1);
  return `${first11}${(10 - (sum % 10)) % 10}`;
}

/** GTIN-14 of a case: packaging indicator 1 before the item's UPC (re-checked). */
export function caseGtin(upc: string): string {
  const body = `1${upc.padStart(13, '0').slice(0, 12)}`;
  let sum = 0;
  for (let i = 0; i < 13; i += 1) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

interface DemoProductSpec {
  sku: string;
  description: string;
  listPrice: string;
  caseOf?: number;
  discontinued?: boolean;
  leadTimeDays?: number;
  uom?: string;
}

const PRODUCT_SPECS: DemoProductSpec[] = [
  { sku: 'HW-1001', description: 'Wood screw #8 x 1-1/4", zinc, box of 100', listPrice: '4.25', caseOf: 12 },
  { sku: 'HW-1002', description: 'Drywall screw #6 x 1-5/8", black phosphate, box of 100', listPrice: '3.80', caseOf: 12 },
  { sku: 'HW-1003', description: 'Hex bolt 3/8" x 2", grade 5, pack of 25', listPrice: '6.95', caseOf: 12 },
  { sku: 'HW-1004', description: 'Cabinet hinge, soft-close, pair', listPrice: '12.99', caseOf: 12 },
  { sku: 'HW-1005', description: 'Construction adhesive, 10 oz cartridge', listPrice: '5.49', caseOf: 24 },
  { sku: 'HW-1006', description: 'Wood glue, 16 oz', listPrice: '7.25', caseOf: 12 },
  { sku: 'HW-1007', description: 'Painter\'s tape 1.88" x 60 yd', listPrice: '6.49', caseOf: 24 },
  { sku: 'HW-1008', description: 'Utility knife, retractable', listPrice: '9.99', caseOf: 12 },
  { sku: 'HW-1009', description: 'Utility blades, pack of 10', listPrice: '4.79', caseOf: 12 },
  { sku: 'HW-1010', description: 'Tape measure 25 ft', listPrice: '14.50', caseOf: 12 },
  { sku: 'HW-1011', description: 'Claw hammer 16 oz, fiberglass handle', listPrice: '18.75', caseOf: 6 },
  { sku: 'HW-1012', description: 'Screwdriver set, 6 piece', listPrice: '16.99', caseOf: 12 },
  { sku: 'HW-1013', description: 'Cordless drill bit set, 21 piece', listPrice: '24.99', caseOf: 6, leadTimeDays: 10 },
  { sku: 'HW-1014', description: 'Work gloves, leather palm, size L', listPrice: '8.49', caseOf: 12 },
  { sku: 'HW-1015', description: 'Safety glasses, clear, anti-fog', listPrice: '5.99', caseOf: 12 },
  { sku: 'HW-1016', description: 'Extension cord 25 ft, 14/3, outdoor', listPrice: '21.99', caseOf: 6 },
  { sku: 'HW-1017', description: 'LED work light, 2000 lm', listPrice: '39.00', caseOf: 4, leadTimeDays: 14 },
  { sku: 'HW-1018', description: 'Zip ties 8", pack of 100', listPrice: '3.49', caseOf: 24 },
  { sku: 'HW-1019', description: 'Duct tape 1.88" x 35 yd, silver', listPrice: '5.25', caseOf: 24 },
  {
    sku: 'HW-1020',
    description: 'Caulk gun, smooth rod (discontinued: replaced by HW-1005 kits)',
    listPrice: '7.99',
    caseOf: 12,
    discontinued: true,
  },
  { sku: 'HW-2001', description: 'Galvanized nails 3", per pound', listPrice: '2.15', uom: 'LB', leadTimeDays: 3 },
];

export const DEMO_PRODUCTS: ProductDraft[] = PRODUCT_SPECS.map((p, i) => {
  const upc = upcA(`0${'812345'}${String(1001 + i).padStart(4, '0')}`);
  return {
    sku: p.sku,
    description: p.description,
    uom: p.uom ?? 'EA',
    listPrice: p.listPrice,
    upc: p.uom ? null : upc,
    gtin: p.caseOf ? caseGtin(upc) : null,
    discontinued: p.discontinued ?? false,
    leadTimeDays: p.leadTimeDays ?? 2,
    conversions: p.caseOf ? [{ uom: 'CS', factor: String(p.caseOf) }] : [],
  };
});

/** Skus worth naming in walkthroughs and tests. */
export const DEMO_SKUS = {
  contractPriced: 'HW-1001',
  quantityBreak: 'HW-1002',
  promotion: 'HW-1003',
  channelPriced: 'HW-1004',
  groupPriced: 'HW-1005',
  outOfStock: 'HW-1013',
  lowStock: 'HW-1017',
  discontinued: 'HW-1020',
  soldByWeight: 'HW-2001',
} as const;

export const DEMO_CUSTOMER_DRAFTS: CustomerDraft[] = [
  {
    id: DEMO_CUSTOMERS.acme.id,
    code: DEMO_CUSTOMERS.acme.code,
    name: DEMO_CUSTOMERS.acme.name,
    customerGroup: DEMO_CUSTOMERS.acme.group,
    emails: ['edi-support@acme-retail.example'],
    priceTolerancePercent: '1',
    shipTo: [
      {
        code: 'DC01',
        name: 'ACME Retail Distribution Center',
        address1: '4100 Commerce Pkwy',
        city: 'Columbus',
        region: 'OH',
        postalCode: '43219',
        country: 'US',
        isDefault: true,
      },
      {
        code: '0042',
        name: 'ACME Store 42',
        address1: '215 Main St',
        city: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
      {
        code: '0117',
        name: 'ACME Store 117',
        address1: '88 Lakeshore Dr',
        city: 'Madison',
        region: 'WI',
        postalCode: '53703',
        country: 'US',
      },
    ],
  },
  {
    id: DEMO_CUSTOMERS.example.id,
    code: DEMO_CUSTOMERS.example.code,
    name: DEMO_CUSTOMERS.example.name,
    customerGroup: DEMO_CUSTOMERS.example.group,
    emails: [DEMO_CUSTOMERS.example.emailDomain],
    shipTo: [
      {
        code: 'MAIN',
        name: 'Example Hardware Co. warehouse',
        address1: '12 Industrial Way',
        city: 'Dayton',
        region: 'OH',
        postalCode: '45402',
        country: 'US',
        isDefault: true,
      },
    ],
  },
  {
    id: DEMO_CUSTOMERS.shopify.id,
    code: DEMO_CUSTOMERS.shopify.code,
    name: DEMO_CUSTOMERS.shopify.name,
    customerGroup: DEMO_CUSTOMERS.shopify.group,
    emails: ['shop@northwind-online.example'],
    shopifyShopDomain: DEMO_CUSTOMERS.shopify.shopifyShopDomain,
    shipTo: [],
  },
  {
    id: DEMO_CUSTOMERS.phone.id,
    code: DEMO_CUSTOMERS.phone.code,
    name: DEMO_CUSTOMERS.phone.name,
    customerGroup: DEMO_CUSTOMERS.phone.group,
    emails: ['office@bayside-builders.example'],
    shipTo: [
      {
        code: 'YARD',
        name: 'Bayside Builders yard',
        address1: '9 Harbor Rd',
        city: 'Erie',
        region: 'PA',
        postalCode: '16501',
        country: 'US',
        isDefault: true,
      },
      {
        code: 'SITE-7',
        name: 'Bayside Builders, Lakeview site',
        address1: '700 Lakeview Ave',
        city: 'Erie',
        region: 'PA',
        postalCode: '16505',
        country: 'US',
      },
    ],
  },
  {
    id: DEMO_CUSTOMERS.creditHold.id,
    code: DEMO_CUSTOMERS.creditHold.code,
    name: DEMO_CUSTOMERS.creditHold.name,
    customerGroup: DEMO_CUSTOMERS.creditHold.group,
    emails: ['buyer@overdue-supplies.example'],
    creditHold: true,
    shipTo: [
      {
        code: 'MAIN',
        name: 'Overdue Supplies Ltd',
        address1: '3 Quay St',
        city: 'Toledo',
        region: 'OH',
        postalCode: '43604',
        country: 'US',
        isDefault: true,
      },
    ],
  },
];

/** ACME's own item numbers, as they appear in PO1*...*BP*<part number>. */
export const DEMO_PART_NUMBERS: Array<{ customerCode: string; partNumber: string; sku: string }> = [
  { customerCode: 'ACME', partNumber: 'AC-778801', sku: 'HW-1001' },
  { customerCode: 'ACME', partNumber: 'AC-778802', sku: 'HW-1002' },
  { customerCode: 'ACME', partNumber: 'AC-778803', sku: 'HW-1003' },
  { customerCode: 'ACME', partNumber: 'AC-778810', sku: 'HW-1010' },
  { customerCode: 'BAYB', partNumber: 'NAILS-3IN', sku: 'HW-2001' },
];

/**
 * One rule of each kind. The promotion runs from the first of the seeding month for two months, so a fresh demo
 * always has one running.
 */
export function demoPriceRules(now: Date): PriceRuleDraft[] {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
  return [
    {
      code: 'DEMO-CONTRACT-ACME-HW1001',
      kind: 'contract',
      sku: 'HW-1001',
      customerId: DEMO_CUSTOMERS.acme.id,
      price: '3.95',
      description: 'ACME contract price 2026',
    },
    {
      code: 'DEMO-CONTRACT-CONTRACTOR-HW1005',
      kind: 'contract',
      sku: 'HW-1005',
      customerGroup: 'contractor',
      discountPercent: '8',
      description: 'Contractor group: 8% off adhesive',
    },
    {
      code: 'DEMO-QB-HW1002-144',
      kind: 'quantity-break',
      sku: 'HW-1002',
      minQuantity: '144',
      discountPercent: '5',
      description: '5% off from 144 boxes (one case is 12)',
    },
    {
      code: 'DEMO-QB-HW1002-576',
      kind: 'quantity-break',
      sku: 'HW-1002',
      minQuantity: '576',
      discountPercent: '9',
      description: '9% off from 576 boxes',
    },
    {
      code: 'DEMO-PROMO-HW1003',
      kind: 'promotion',
      sku: 'HW-1003',
      discountPercent: '10',
      validFrom: from.toISOString(),
      validTo: to.toISOString(),
      description: 'Bolt promotion: 10% off for two months',
    },
    {
      code: 'DEMO-CHANNEL-SHOPIFY-HW1004',
      kind: 'channel',
      sku: 'HW-1004',
      channel: 'shopify',
      price: '12.49',
      description: 'Online price for hinges',
    },
  ];
}

/** On hand per warehouse; HW-1013 has none (backorders), HW-1017 little (partial reservations). */
export const DEMO_INVENTORY: Array<{ sku: string; warehouse: string; onHand: string }> = DEMO_PRODUCTS.flatMap((p, i) => {
  if (p.sku === DEMO_SKUS.outOfStock) return [{ sku: p.sku, warehouse: DEMO_WAREHOUSES.east, onHand: '0' }];
  if (p.sku === DEMO_SKUS.lowStock)
    return [
      { sku: p.sku, warehouse: DEMO_WAREHOUSES.east, onHand: '3' },
      { sku: p.sku, warehouse: DEMO_WAREHOUSES.west, onHand: '2' },
    ];
  if (p.sku === DEMO_SKUS.discontinued) return [{ sku: p.sku, warehouse: DEMO_WAREHOUSES.west, onHand: '17' }];
  if (p.sku === DEMO_SKUS.soldByWeight) return [{ sku: p.sku, warehouse: DEMO_WAREHOUSES.east, onHand: '850.5' }];
  return [
    { sku: p.sku, warehouse: DEMO_WAREHOUSES.east, onHand: String(480 + ((i * 37) % 5) * 144) },
    { sku: p.sku, warehouse: DEMO_WAREHOUSES.west, onHand: String(120 + ((i * 53) % 4) * 60) },
  ];
});
