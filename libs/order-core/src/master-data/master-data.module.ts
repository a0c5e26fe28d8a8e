import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddCustomerPartNumberUseCase } from './application/add-customer-part-number.use-case';
import { CreateCustomerUseCase } from './application/create-customer.use-case';
import { CreatePriceRuleUseCase } from './application/create-price-rule.use-case';
import { CreateProductUseCase } from './application/create-product.use-case';
import { CustomerDirectory, CustomerStore } from './application/customer-directory.port';
import { DeletePriceRuleUseCase } from './application/delete-price-rule.use-case';
import { ImportMasterDataUseCase } from './application/import-master-data.use-case';
import { PriceRuleRepository, PriceRuleStore } from './application/price-rule-repository.port';
import { ProductCatalog, ProductStore } from './application/product-catalog.port';
import { SeedDemoMasterDataUseCase } from './application/seed-demo-master-data.use-case';
import { SetInventoryUseCase } from './application/set-inventory.use-case';
import { InventoryStore, StockLedger } from './application/stock-ledger.port';
import { UpdateCustomerUseCase } from './application/update-customer.use-case';
import { UpdateProductUseCase } from './application/update-product.use-case';
import { CustomerEntity, CustomerPartNumberEntity, ShipToEntity } from './infrastructure/customer.entity';
import { CustomersController } from './infrastructure/customers.controller';
import { TypeormCustomerRepository } from './infrastructure/customer.repository';
import { DemoMasterDataSeeder } from './infrastructure/demo-master-data.seeder';
import { InventoryController } from './infrastructure/inventory.controller';
import { InventoryEntity, StockReservationEntity } from './infrastructure/inventory.entity';
import { MasterDataImportController } from './infrastructure/master-data-import.controller';
import { PriceRuleEntity } from './infrastructure/price-rule.entity';
import { TypeormPriceRuleRepository } from './infrastructure/price-rule.repository';
import { ProductEntity, ProductUomConversionEntity } from './infrastructure/product.entity';
import { PriceRulesController } from './infrastructure/price-rules.controller';
import { ProductsController } from './infrastructure/products.controller';
import { TypeormProductRepository } from './infrastructure/product.repository';
import { TypeormStockLedger } from './infrastructure/stock-ledger.repository';

export const MASTER_DATA_ENTITIES = [
  CustomerEntity,
  ShipToEntity,
  CustomerPartNumberEntity,
  ProductEntity,
  ProductUomConversionEntity,
  PriceRuleEntity,
  InventoryEntity,
  StockReservationEntity,
];

/**
 * Customers, products, price rules and stock: the admin API, the bulk import, the demo dataset, and the ports the
 * order core uses (CustomerDirectory, ProductCatalog, PriceRuleRepository, StockLedger). Needs PersistenceModule
 * and HubConfigModule (both global).
 */
@Module({
  imports: [TypeOrmModule.forFeature(MASTER_DATA_ENTITIES)],
  controllers: [CustomersController, ProductsController, PriceRulesController, InventoryController, MasterDataImportController],
  providers: [
    TypeormCustomerRepository,
    { provide: CustomerStore, useExisting: TypeormCustomerRepository },
    { provide: CustomerDirectory, useExisting: TypeormCustomerRepository },
    TypeormProductRepository,
    { provide: ProductStore, useExisting: TypeormProductRepository },
    { provide: ProductCatalog, useExisting: TypeormProductRepository },
    TypeormPriceRuleRepository,
    { provide: PriceRuleStore, useExisting: TypeormPriceRuleRepository },
    { provide: PriceRuleRepository, useExisting: TypeormPriceRuleRepository },
    TypeormStockLedger,
    { provide: InventoryStore, useExisting: TypeormStockLedger },
    { provide: StockLedger, useExisting: TypeormStockLedger },
    CreateCustomerUseCase,
    UpdateCustomerUseCase,
    AddCustomerPartNumberUseCase,
    CreateProductUseCase,
    UpdateProductUseCase,
    CreatePriceRuleUseCase,
    DeletePriceRuleUseCase,
    SetInventoryUseCase,
    ImportMasterDataUseCase,
    SeedDemoMasterDataUseCase,
    DemoMasterDataSeeder,
  ],
  exports: [
    CustomerDirectory,
    ProductCatalog,
    PriceRuleRepository,
    StockLedger,
    CustomerStore,
    ProductStore,
    PriceRuleStore,
    InventoryStore,
  ],
})
export class MasterDataModule {}
