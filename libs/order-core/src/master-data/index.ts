// Public surface of master data: the module, the ports the order core injects, their types, and the demo dataset.
export { MasterDataModule, MASTER_DATA_ENTITIES } from './master-data.module';
export { CustomerDirectory, CustomerStore } from './application/customer-directory.port';
export { ProductCatalog, ProductStore } from './application/product-catalog.port';
export { PriceRuleRepository, PriceRuleStore } from './application/price-rule-repository.port';
export type { PriceRuleDraft, PriceRuleListQuery, StoredPriceRule } from './application/price-rule-repository.port';
export { StockLedger, InventoryStore } from './application/stock-ledger.port';
export type {
  Availability,
  InventoryListQuery,
  InventoryRow,
  ReservationOutcome,
  ReservationRequestLine,
  WarehouseAvailability,
} from './application/stock-ledger.port';
export type { ListQuery, Page } from './application/page';
export type { Customer, CustomerDraft, CustomerPartNumber, ShipTo, ShipToDraft } from './domain/customer';
export { emailLookupKeys, matchCustomerByEmail, normalizeEmailEntry } from './domain/customer';
export type { Product, ProductDraft, UomConversion } from './domain/product';
export { normalizeUom } from './domain/product';
export { availableOf, planAllocation } from './domain/stock-allocation';
export type { Allocation, WarehouseStock } from './domain/stock-allocation';
export {
  DuplicateMasterDataError,
  ImportRejectedError,
  MasterDataNotFoundError,
  StockInsufficientError,
  UnknownReferenceError,
  ValidationFailedError,
} from './domain/master-data.errors';
export type { ImportRowError } from './domain/master-data.errors';
export { IMPORT_KINDS, ImportMasterDataUseCase } from './application/import-master-data.use-case';
export type { ImportKind, ImportResult } from './application/import-master-data.use-case';
export { parseCsv, csvToObjects, CsvSyntaxError } from './application/csv.parser';
export {
  DEMO_CUSTOMERS,
  DEMO_CUSTOMER_DRAFTS,
  DEMO_INVENTORY,
  DEMO_PART_NUMBERS,
  DEMO_PRODUCTS,
  DEMO_SKUS,
  DEMO_WAREHOUSES,
  demoPriceRules,
} from './application/demo-master-data';
export { SeedDemoMasterDataUseCase } from './application/seed-demo-master-data.use-case';
