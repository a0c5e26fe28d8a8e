import { DynamicModule, Module } from '@nestjs/common';
import { ApplyPoChangeUseCase } from './orders/application/apply-po-change.use-case';
import { PoChangeConsumer } from './orders/infrastructure/po-change.consumer';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IntakePort } from '@orderhub/contracts';
import { DocumentDelivererRegistry, OutboundDocuments } from './documents/application/outbound-documents';
import { OutboundRedelivery } from './documents/application/outbound-redelivery';
import { DocumentsController } from './documents/infrastructure/documents.controller';
import { OutboundDocumentEntity } from './documents/infrastructure/outbound-document.entity';
import { TypeormOutboundDocuments } from './documents/infrastructure/outbound-documents.repository';
import { ExceptionRepository } from './exceptions/application/exception.repository';
import { ResolveExceptionUseCase } from './exceptions/application/resolve-exception.use-case';
import { ExceptionsController } from './exceptions/infrastructure/exceptions.controller';
import { OrderExceptionEntity } from './exceptions/infrastructure/order-exception.entity';
import { TypeormExceptionRepository } from './exceptions/infrastructure/typeorm-exception.repository';
import { InboundDocumentsController } from './intake/inbound-documents.controller';
import { InboundDocumentsQuery } from './intake/inbound-documents.query';
import { OutboxIntake } from './intake/outbox-intake';
import { ReplayInboundDocumentUseCase } from './intake/replay-inbound-document.use-case';
import { UnprocessableMessageRecorder } from './intake/unprocessable-message.recorder';
import { KpiQuery } from './kpis/kpi.query';
import { KpisController } from './kpis/kpis.controller';
import { MasterDataModule } from './master-data';
import { ApplyOrderChangeUseCase } from './orders/application/apply-order-change.use-case';
import { CancelOrderUseCase } from './orders/application/cancel-order.use-case';
import { OrderEvaluator } from './orders/application/order-evaluator';
import { RaiseSalesOrderUseCase } from './orders/application/raise-sales-order.use-case';
import { RecordShipmentUseCase } from './orders/application/record-shipment.use-case';
import { SalesOrderRepository } from './orders/application/sales-order.repository';
import { OrdersController } from './orders/infrastructure/orders.controller';
import { PricingController } from './orders/infrastructure/pricing.controller';
import { PurchaseOrderConsumer } from './orders/infrastructure/purchase-order.consumer';
import { DocumentCounterEntity } from './orders/infrastructure/document-counter.entity';
import { SalesOrderEventEntity } from './orders/infrastructure/sales-order-event.entity';
import { SalesOrderLineEntity } from './orders/infrastructure/sales-order-line.entity';
import { SalesOrderEntity } from './orders/infrastructure/sales-order.entity';
import { InvoiceEntity, ShipmentEntity } from './orders/infrastructure/shipment.entity';
import { TypeormSalesOrderRepository } from './orders/infrastructure/typeorm-sales-order.repository';

/**
 * The order core: purchase orders in, sales orders, exceptions, shipments and invoices out, and the
 * documents each channel sends back. Channels import its exported use cases and document store.
 */
export interface OrderCoreOptions {
  /** Operator API (orders, exceptions, documents, pricing, KPIs): hub and core. */
  http: boolean;
  /** Bus consumers that raise sales orders: hub and core, never ingest. */
  consumers: boolean;
}

const MODULE_METADATA = {
  imports: [
    MasterDataModule,
    TypeOrmModule.forFeature([
      DocumentCounterEntity,
      SalesOrderEntity,
      SalesOrderLineEntity,
      SalesOrderEventEntity,
      ShipmentEntity,
      InvoiceEntity,
      OrderExceptionEntity,
      OutboundDocumentEntity,
    ]),
  ],
  providers: [
    { provide: SalesOrderRepository, useClass: TypeormSalesOrderRepository },
    { provide: ExceptionRepository, useClass: TypeormExceptionRepository },
    { provide: IntakePort, useClass: OutboxIntake },
    UnprocessableMessageRecorder,
    InboundDocumentsQuery,
    ReplayInboundDocumentUseCase,
    { provide: OutboundDocuments, useClass: TypeormOutboundDocuments },
    DocumentDelivererRegistry,
    OutboundRedelivery,
    OrderEvaluator,
    RaiseSalesOrderUseCase,
    ApplyOrderChangeUseCase,
    ApplyPoChangeUseCase,
    RecordShipmentUseCase,
    CancelOrderUseCase,
    ResolveExceptionUseCase,
    KpiQuery,
  ],
  exports: [
    MasterDataModule,
    IntakePort,
    SalesOrderRepository,
    ExceptionRepository,
    OutboundDocuments,
    DocumentDelivererRegistry,
    OutboundRedelivery,
    OrderEvaluator,
    RaiseSalesOrderUseCase,
    ApplyOrderChangeUseCase,
    ApplyPoChangeUseCase,
    RecordShipmentUseCase,
    CancelOrderUseCase,
    ResolveExceptionUseCase,
    InboundDocumentsQuery,
    ReplayInboundDocumentUseCase,
    KpiQuery,
  ],
};

/**
 * The core's services, not global: a channel module that needs the intake port or the core's use cases
 * imports this module, so its dependencies are written down where they are used.
 */
@Module(MODULE_METADATA)
export class OrderCoreServicesModule {}

@Module({})
export class OrderCoreModule {
  static forRoot(options: OrderCoreOptions = { http: true, consumers: true }): DynamicModule {
    return {
      module: OrderCoreModule,
      imports: [OrderCoreServicesModule],
      exports: [OrderCoreServicesModule],
      controllers: [
        ...(options.http
          ? [OrdersController, ExceptionsController, InboundDocumentsController, DocumentsController, PricingController, KpisController]
          : []),
        ...(options.consumers ? [PurchaseOrderConsumer, PoChangeConsumer] : []),
      ],
    };
  }
}
