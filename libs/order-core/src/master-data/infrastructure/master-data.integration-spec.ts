import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CustomerDirectory } from '../application/customer-directory.port';
import { PriceRuleRepository } from '../application/price-rule-repository.port';
import { ProductCatalog } from '../application/product-catalog.port';
import { SeedDemoMasterDataUseCase } from '../application/seed-demo-master-data.use-case';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS, DEMO_SKUS } from '../application/demo-master-data';
import { call, startMasterDataApp, type MasterDataTestApp } from '../testing/master-data-test-app';

/** A product body with a valid UPC derived from `n`, overridable. */
function aProduct(n: number, overrides: Record<string, unknown> = {}) {
  const first11 = `0700000${String(n).padStart(4, '0')}`;
  let sum = 0;
  for (let i = 0; i < 11; i += 1) sum += Number(first11[i]) * (i % 2 === 0 ? 3 : 1);
  return {
    sku: `T-${String(n).padStart(4, '0')}`,
    description: `Test item ${n}`,
    upc: `${first11}${(10 - (sum % 10)) % 10}`,
    uom: 'EA',
    listPrice: '2.50',
    ...overrides,
  };
}

function aCustomer(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Test Customer',
    code: 'TEST',
    emails: [],
    shipTo: [{ code: 'MAIN', name: 'Main', address1: '1 Test St', city: 'Testville', region: 'OH', postalCode: '43000', country: 'US' }],
    ...overrides,
  };
}

describe('master data over HTTP (PostgreSQL)', () => {
  let t: MasterDataTestApp;
  let get: (path: string) => ReturnType<typeof call>;
  let post: (path: string, body: unknown, type?: string) => ReturnType<typeof call>;

  beforeAll(async () => {
    t = await startMasterDataApp();
    get = (path) => call(t.baseUrl, 'GET', path);
    post = (path, body, type) => call(t.baseUrl, 'POST', path, body, type);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('has migrations that match the entities (no drift)', async () => {
    const sql = await t.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  describe('customers', () => {
    it('creates a customer (emails lower-cased) and reads it back with its ship-tos', async () => {
      const created = await post(
        '/api/v1/customers',
        aCustomer({ code: 'C-EMAIL', name: 'Email Buyer', emails: ['Orders@Buyer.example', '@Buyer-Domain.example'] }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: 'C-EMAIL', emails: ['orders@buyer.example', '@buyer-domain.example'], creditHold: false });
      const read = await get(`/api/v1/customers/${created.body.id}`);
      expect(read.body.shipTos).toEqual([expect.objectContaining({ code: 'MAIN', city: 'Testville', country: 'US' })]);
    });

    it('answers 409 CUSTOMER.CODE_TAKEN for a second customer with the same code', async () => {
      await post('/api/v1/customers', aCustomer({ code: 'C-DUP' }));
      const again = await post('/api/v1/customers', aCustomer({ code: 'C-DUP', name: 'Other' }));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CUSTOMER.CODE_TAKEN');
    });

    it('refuses an email entry another customer already has (409 CUSTOMER.EMAIL_TAKEN)', async () => {
      const again = await post('/api/v1/customers', aCustomer({ code: 'C-EMAIL2', emails: ['ORDERS@buyer.example'] }));
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'CUSTOMER.EMAIL_TAKEN', details: { owner: 'C-EMAIL' } });
    });

    it('answers 400 VALIDATION.FAILED with the problems per field', async () => {
      const bad = await post('/api/v1/customers', { code: 'has space', emails: ['nope'], shipTo: [{ code: 'X' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION.FAILED');
      expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['code', 'emails.0', 'name', 'shipTo.0.name']);
    });

    it('patches a customer (credit hold) and 404s an unknown one', async () => {
      const created = await post('/api/v1/customers', aCustomer({ code: 'C-PATCH' }));
      const patched = await call(t.baseUrl, 'PATCH', `/api/v1/customers/${created.body.id}`, {
        creditHold: true,
        shipTo: [{ code: 'SECOND', name: 'Second', isDefault: true }],
      });
      expect(patched.status).toBe(200);
      expect(patched.body.creditHold).toBe(true);
      expect(patched.body.shipTos.map((s: { code: string; isDefault: boolean }) => [s.code, s.isDefault])).toEqual([
        ['MAIN', false],
        ['SECOND', true],
      ]);
      const missing = await call(t.baseUrl, 'PATCH', '/api/v1/customers/00000000-0000-4000-8000-000000000000', { creditHold: true });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('CUSTOMER.NOT_FOUND');
      expect((await get('/api/v1/customers/not-a-uuid')).status).toBe(404);
    });

    it('finds a sender by exact address first, then by domain entry', async () => {
      await post('/api/v1/customers', aCustomer({ code: 'C-DOMAIN', emails: ['@shared.example'] }));
      await post('/api/v1/customers', aCustomer({ code: 'C-EXACT', emails: ['boss@shared.example'] }));
      const directory = t.app.get(CustomerDirectory);
      expect((await directory.findByEmail('Boss <BOSS@shared.example>'))?.code).toBe('C-EXACT');
      expect((await directory.findByEmail('clerk@shared.example'))?.code).toBe('C-DOMAIN');
      expect(await directory.findByEmail('clerk@elsewhere.example')).toBeNull();
    });

    it('finds Shopify customers by shop domain and by Shopify customer id', async () => {
      await post(
        '/api/v1/customers',
        aCustomer({ code: 'C-SHOP', shopifyShopDomain: 'My-Shop.myshopify.com', shopifyCustomerIds: [7012345] }),
      );
      const directory = t.app.get(CustomerDirectory);
      expect((await directory.findByShopifyShop('my-shop.myshopify.com'))?.code).toBe('C-SHOP');
      expect((await directory.findByShopifyCustomerId('7012345'))?.code).toBe('C-SHOP');
      const taken = await post('/api/v1/customers', aCustomer({ code: 'C-SHOP2', shopifyShopDomain: 'my-shop.myshopify.com' }));
      expect(taken.body.error.code).toBe('CUSTOMER.SHOPIFY_SHOP_TAKEN');
    });
  });

  describe('products', () => {
    beforeAll(async () => {
      for (let n = 1; n <= 7; n += 1)
        await post('/api/v1/products', aProduct(n, { description: n === 5 ? 'Hinge, brass, left' : `Test item ${n}` }));
    });

    it('stores prices as exact decimal strings and converts units', async () => {
      const created = await post('/api/v1/products', aProduct(100, { listPrice: '0.1275', conversions: [{ uom: 'cs', factor: '12' }] }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ sku: 'T-0100', listPrice: '0.1275', conversions: [{ uom: 'CS', factor: '12' }] });
      const catalog = t.app.get(ProductCatalog);
      expect(await catalog.uomFactor('T-0100', 'CS')).toBe('12');
      expect(await catalog.uomFactor('T-0100', 'ea')).toBe('1');
      expect(await catalog.uomFactor('T-0100', 'PL')).toBeNull();
      // The same UPC as a GTIN-14 finds the product.
      expect((await catalog.findByGtinOrUpc(`00${created.body.upc}`))?.sku).toBe('T-0100');
    });

    it('refuses a fractional JSON number for money and a UPC with a wrong check digit', async () => {
      const bad = await post('/api/v1/products', aProduct(101, { listPrice: 2.5, upc: '036000291453' }));
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['listPrice', 'upc']);
    });

    it('answers 409 PRODUCT.SKU_TAKEN for a duplicate sku', async () => {
      const again = await post('/api/v1/products', aProduct(1));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('PRODUCT.SKU_TAKEN');
    });

    it('pages with limit and offset and reports the total', async () => {
      const page = await get('/api/v1/products?q=T-000&limit=3&offset=3');
      expect(page.body.total).toBe(7);
      expect(page.body.items.map((p: { sku: string }) => p.sku)).toEqual(['T-0004', 'T-0005', 'T-0006']);
      expect((await get('/api/v1/products?limit=501')).status).toBe(400);
    });

    it('searches by description, sku prefix and barcode prefix', async () => {
      expect((await get('/api/v1/products?q=brass')).body.items.map((p: { sku: string }) => p.sku)).toEqual(['T-0005']);
      expect((await get('/api/v1/products?q=t-0007')).body.items.map((p: { sku: string }) => p.sku)).toEqual(['T-0007']);
      expect((await get('/api/v1/products?q=07000000002')).body.items.map((p: { sku: string }) => p.sku)).toEqual(['T-0002']);
    });

    it('reads and patches a product by sku or id, but never changes its sku', async () => {
      const bySku = await get('/api/v1/products/T-0003');
      expect((await get(`/api/v1/products/${bySku.body.id}`)).body.sku).toBe('T-0003');
      const patched = await call(t.baseUrl, 'PATCH', '/api/v1/products/T-0003', { listPrice: '3', discontinued: true });
      expect(patched.body).toMatchObject({ listPrice: '3.00', discontinued: true });
      expect((await call(t.baseUrl, 'PATCH', '/api/v1/products/T-0003', { sku: 'NEW' })).status).toBe(400);
      expect((await get('/api/v1/products/NOPE')).body.error.code).toBe('PRODUCT.NOT_FOUND');
    });
  });

  describe('part numbers, price rules, inventory', () => {
    let customerId: string;
    beforeAll(async () => {
      customerId = (await post('/api/v1/customers', aCustomer({ code: 'C-PARTS', customerGroup: 'retail' }))).body.id;
    });

    it('maps customer part numbers (422 for an unknown sku, 409 to re-point one)', async () => {
      expect((await post(`/api/v1/customers/${customerId}/part-numbers`, { partNumber: 'BUY-1', sku: 'NOPE' })).body.error.code).toBe(
        'PRODUCT.UNKNOWN_SKU',
      );
      expect((await post(`/api/v1/customers/${customerId}/part-numbers`, { partNumber: 'BUY-1', sku: 'T-0001' })).status).toBe(201);
      expect((await post(`/api/v1/customers/${customerId}/part-numbers`, { partNumber: 'BUY-1', sku: 'T-0001' })).status).toBe(200);
      const repoint = await post(`/api/v1/customers/${customerId}/part-numbers`, { partNumber: 'BUY-1', sku: 'T-0002' });
      expect([repoint.status, repoint.body.error.code]).toEqual([409, 'CUSTOMER.PART_NUMBER_TAKEN']);
      expect((await get(`/api/v1/customers/${customerId}/part-numbers`)).body).toEqual({
        items: [{ customerId, partNumber: 'BUY-1', sku: 'T-0001' }],
        total: 1,
      });
      expect((await t.app.get(ProductCatalog).findByCustomerPartNumber(customerId, 'BUY-1'))?.sku).toBe('T-0001');
    });

    it('creates, lists, filters by applicability and deletes price rules', async () => {
      const contract = await post('/api/v1/price-rules', { kind: 'contract', sku: 'T-0001', customerId, price: '1.99' });
      expect(contract.status).toBe(201);
      expect(contract.body).toMatchObject({ kind: 'contract', price: '1.99', priority: 0 });
      await post('/api/v1/price-rules', {
        kind: 'promotion',
        sku: 'T-0001',
        discountPercent: '10',
        validFrom: '2026-01-01',
        validTo: '2026-02-01',
      });
      await post('/api/v1/price-rules', { kind: 'channel', sku: 'T-0001', channel: 'shopify', price: '2.25' });
      const rules = t.app.get(PriceRuleRepository);
      const during = await rules.applicableRules('T-0001', customerId, 'retail', 'edi', new Date('2026-01-15T00:00:00Z'));
      expect(during.map((r) => r.kind).sort()).toEqual(['contract', 'promotion']);
      const after = await rules.applicableRules('T-0001', null, null, 'shopify', new Date('2026-02-01T00:00:00Z'));
      expect(after.map((r) => r.kind)).toEqual(['channel']);

      const invalid = await post('/api/v1/price-rules', { kind: 'quantity-break', sku: 'T-0001', price: '1' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.details.fields.minQuantity).toBeDefined();
      expect((await post('/api/v1/price-rules', { kind: 'promotion', sku: 'NOPE', price: '1' })).status).toBe(422);

      expect((await get('/api/v1/price-rules?sku=T-0001')).body.total).toBe(3);
      expect((await call(t.baseUrl, 'DELETE', `/api/v1/price-rules/${contract.body.id}`)).status).toBe(204);
      expect((await get(`/api/v1/price-rules/${contract.body.id}`)).body.error.code).toBe('PRICE_RULE.NOT_FOUND');
    });

    it('sets on hand per warehouse and reports availability', async () => {
      expect((await call(t.baseUrl, 'PUT', '/api/v1/inventory/T-0002', { warehouse: 'EAST', onHand: '10' })).status).toBe(201);
      // T-0002 is sold in EA, which counts pieces: half an each is refused, a whole count is taken.
      const half = await call(t.baseUrl, 'PUT', '/api/v1/inventory/T-0002', { warehouse: 'EAST', onHand: '12.5' });
      expect([half.status, half.body.error.code]).toEqual([400, 'VALIDATION.FAILED']);
      const second = await call(t.baseUrl, 'PUT', '/api/v1/inventory/T-0002', { warehouse: 'EAST', onHand: '12' });
      expect([second.status, second.body.onHand, second.body.version]).toEqual([200, '12', 2]);
      const stale = await call(t.baseUrl, 'PUT', '/api/v1/inventory/T-0002', { warehouse: 'EAST', onHand: '1', expectedVersion: 1 });
      expect([stale.status, stale.body.error.code]).toEqual([409, 'INVENTORY.VERSION_CONFLICT']);
      await call(t.baseUrl, 'PUT', '/api/v1/inventory/T-0002', { warehouse: 'WEST', onHand: 4 });
      expect((await get('/api/v1/inventory/T-0002')).body).toMatchObject({
        sku: 'T-0002',
        onHand: '16',
        available: '16',
        warehouses: [{ warehouse: 'EAST' }, { warehouse: 'WEST' }],
      });
      expect((await get('/api/v1/inventory?q=T-0002')).body.total).toBe(2);
      expect((await call(t.baseUrl, 'PUT', '/api/v1/inventory/NOPE', { warehouse: 'EAST', onHand: '1' })).status).toBe(404);
    });
  });

  describe('bulk import', () => {
    it('writes nothing and lists every problem when any row is bad (422)', async () => {
      const before = (await get('/api/v1/products?q=IMP-')).body.total;
      const answer = await post('/api/v1/master-data/import?kind=products', [
        aProduct(900, { sku: 'IMP-1' }),
        aProduct(901, { sku: 'IMP-2', listPrice: 'ten' }),
        aProduct(902, { sku: 'IMP-3', uom: '' }),
      ]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('IMPORT.ROWS_INVALID');
      expect(answer.body.error.details.errors).toEqual([
        expect.objectContaining({ row: 2, field: 'listPrice' }),
        expect.objectContaining({ row: 3, field: 'uom' }),
      ]);
      expect((await get('/api/v1/products?q=IMP-')).body.total).toBe(before);
    });

    it('reports unknown references per row and rolls back the rows before them', async () => {
      const answer = await post('/api/v1/master-data/import?kind=inventory', [
        { sku: 'T-0001', warehouse: 'IMPWH', onHand: '5' },
        { sku: 'NOPE', warehouse: 'IMPWH', onHand: '5' },
      ]);
      expect(answer.status).toBe(422);
      expect(answer.body.error.details.errors).toEqual([{ row: 2, field: 'sku', message: expect.stringContaining('PRODUCT.UNKNOWN_SKU') }]);
      expect((await get('/api/v1/inventory?warehouse=IMPWH')).body.total).toBe(0);
    });

    it('imports CSV with quoted commas and quotes, then upserts by sku on a second run', async () => {
      const csv = [
        'sku,description,uom,listPrice,conversions,discontinued',
        'CSV-1,"Bolt, hex, 3/8"" x 2""",EA,6.95,CS=12,false',
        'CSV-2,"Nut, hex",EA,0.12,,',
      ].join('\r\n');
      const first = await post('/api/v1/master-data/import?kind=products', csv, 'text/csv');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ imported: 2, updated: 0, errors: [] });
      expect((await get('/api/v1/products/CSV-1')).body).toMatchObject({
        description: 'Bolt, hex, 3/8" x 2"',
        listPrice: '6.95',
        conversions: [{ uom: 'CS', factor: '12' }],
      });

      const second = await post(
        '/api/v1/master-data/import?kind=products',
        'sku,description,uom,listPrice\nCSV-2,"Nut, hex, zinc",EA,0.13\nCSV-3,Washer,EA,0.05\n',
        'text/csv',
      );
      expect(second.body).toEqual({ imported: 1, updated: 1, errors: [] });
      expect((await get('/api/v1/products/CSV-2')).body.listPrice).toBe('0.13');
    });

    it('imports customers from CSV (one ship-to per row), part numbers and price rules by customer code', async () => {
      const customers = [
        'code,name,emails,creditHold,shipTo.code,shipTo.name,shipTo.city,shipTo.country',
        'IMPC,"Import Co, Ltd",buyer@impco.example;@impco-group.example,no,S1,"Store 1, North",Akron,US',
        'IMPC,"Import Co, Ltd",,,S2,Store 2,Canton,US',
      ].join('\n');
      expect((await post('/api/v1/master-data/import?kind=customers', customers, 'text/csv')).body).toEqual({
        imported: 1,
        updated: 1,
        errors: [],
      });
      const customer = await t.app.get(CustomerDirectory).findByCode('IMPC');
      expect(customer).toMatchObject({ name: 'Import Co, Ltd', emails: ['buyer@impco.example', '@impco-group.example'] });
      expect(customer?.shipTos.map((s) => s.code)).toEqual(['S1', 'S2']);

      const parts = await post('/api/v1/master-data/import?kind=part-numbers', [{ customerCode: 'IMPC', partNumber: 'X-1', sku: 'CSV-1' }]);
      expect(parts.body).toEqual({ imported: 1, updated: 0, errors: [] });
      const rules = 'code,kind,sku,customerCode,price\nIMP-RULE,contract,CSV-1,IMPC,6.50\n';
      expect((await post('/api/v1/master-data/import?kind=price-rules', rules, 'text/csv')).body).toEqual({
        imported: 1,
        updated: 0,
        errors: [],
      });
      expect((await post('/api/v1/master-data/import?kind=price-rules', rules.replace('6.50', '6.40'), 'text/csv')).body).toEqual({
        imported: 0,
        updated: 1,
        errors: [],
      });
      expect((await get('/api/v1/price-rules?q=IMP-RULE')).body.items).toEqual([
        expect.objectContaining({ price: '6.40', customerId: customer?.id }),
      ]);
    });

    it('previews an import (dryRun): every row checked against the database, the problems listed, nothing written', async () => {
      const csv = 'sku,description,uom,listPrice\nPRE-1,Preview one,EA,1.00\nCSV-1,Bolt renamed,EA,7.00\nPRE-2,,EA,-1\n';
      const preview = await post('/api/v1/master-data/import?kind=products&dryRun=true', csv, 'text/csv');
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ dryRun: true, imported: 1, updated: 1 });
      expect(preview.body.errors.map((e: { row: number }) => e.row)).toEqual(expect.arrayContaining([3]));
      expect((await get('/api/v1/products/PRE-1')).status).toBe(404);
      expect((await get('/api/v1/products/CSV-1')).body.description).not.toBe('Bolt renamed');

      const clean = await post(
        '/api/v1/master-data/import?kind=products&dryRun=true',
        'sku,description,uom,listPrice\nPRE-1,Preview one,EA,1.00\n',
        'text/csv',
      );
      expect(clean.body).toEqual({ dryRun: true, imported: 1, updated: 0, errors: [] });
      expect((await get('/api/v1/products/PRE-1')).status).toBe(404);
    });

    it('answers 400 for malformed CSV and an unknown kind', async () => {
      const malformed = await post('/api/v1/master-data/import?kind=products', 'sku\n"open', 'text/csv');
      expect([malformed.status, malformed.body.error.code]).toEqual([400, 'IMPORT.CSV_MALFORMED']);
      expect((await post('/api/v1/master-data/import?kind=widgets', [])).body.error.code).toBe('VALIDATION.FAILED');
    });
  });

  describe('demo data', () => {
    it('seeds only an empty customer table (so not here) and documents the routes in OpenAPI', async () => {
      expect(await t.app.get(SeedDemoMasterDataUseCase).execute()).toBe(false);
      const doc = SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/customers',
          '/api/v1/customers/{id}/part-numbers',
          '/api/v1/products/{id}',
          '/api/v1/price-rules/{id}',
          '/api/v1/inventory/{sku}',
          '/api/v1/master-data/import',
        ]),
      );
    });
  });
});

describe('demo master data at bootstrap (HUB_DEMO=1)', () => {
  let t: MasterDataTestApp;
  beforeAll(async () => {
    t = await startMasterDataApp({ HUB_DEMO: '1' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('loads the wholesaler dataset once, with the documented codes', async () => {
    const customers = (await call(t.baseUrl, 'GET', '/api/v1/customers')).body;
    expect(customers.items.map((c: { code: string }) => c.code)).toEqual(['ACME', 'BAYB', 'EXHW', 'NWSHOP', 'OVRD']);
    const directory = t.app.get(CustomerDirectory);
    expect((await directory.findById(DEMO_CUSTOMERS.acme.id))?.shipTos.map((s) => s.code)).toEqual(['0042', '0117', 'DC01']);
    expect((await directory.findByEmail('anyone@example.com'))?.code).toBe(DEMO_CUSTOMERS.example.code);
    expect((await directory.findByShopifyShop(DEMO_CUSTOMERS.shopify.shopifyShopDomain))?.code).toBe('NWSHOP');
    expect((await directory.findByCode('OVRD'))?.creditHold).toBe(true);
    expect((await call(t.baseUrl, 'GET', '/api/v1/products?limit=1')).body.total).toBe(DEMO_PRODUCTS.length);
    expect(await t.app.get(ProductCatalog).uomFactor(DEMO_SKUS.contractPriced, 'CS')).toBe('12');
    expect((await call(t.baseUrl, 'GET', '/api/v1/price-rules')).body.total).toBe(6);
    expect((await call(t.baseUrl, 'GET', `/api/v1/inventory/${DEMO_SKUS.lowStock}`)).body.available).toBe('5');
    // Idempotent: a second bootstrap finds customers and leaves everything as it is.
    expect(await t.app.get(SeedDemoMasterDataUseCase).execute()).toBe(false);
  });
});
