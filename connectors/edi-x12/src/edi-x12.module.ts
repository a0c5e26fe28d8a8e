import { OrderCoreServicesModule } from '@orderhub/order-core';
import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HUB_CONFIG, type HubConfig } from '@orderhub/common';
import { EdiDocumentDeliverer } from './application/edi-document.deliverer';
import { GetReceiptQuery } from './application/get-receipt.query';
import { HubIdentity } from './application/hub-identity';
import { ManagePartnersUseCase } from './application/manage-partners.use-case';
import { PartnerInterchangeWriter } from './application/partner-interchange.writer';
import {
  ControlNumberSequence,
  InterchangeReceipts,
  OutboundTransport,
  TradingPartnerRepository,
  TransactionSavepoints,
} from './application/ports';
import { ReceiveX12UseCase } from './application/receive-x12.use-case';
import { SeedPartnersUseCase } from './application/seed-partners.use-case';
import { SendPartnerDocumentUseCase } from './application/send-partner-document.use-case';
import { EdiX12Config } from './edi-x12.config';
import { DropFolderWatcher } from './infrastructure/drop-folder.watcher';
import { EdiBootstrap } from './infrastructure/edi-bootstrap';
import { EdiInterchangeReceiptEntity } from './infrastructure/edi-interchange-receipt.entity';
import { EdiOutboundAckEntity } from './infrastructure/edi-outbound-ack.entity';
import { EdiRawBodyMount } from './infrastructure/edi-raw-body.middleware';
import { FolderOutboundTransport } from './infrastructure/folder-outbound.transport';
import { InboundX12Controller } from './infrastructure/inbound-x12.controller';
import { PartnerDocumentsConsumer } from './infrastructure/partner-documents.consumer';
import { PoChangeAnswersConsumer } from './infrastructure/po-change-answers.consumer';
import { ReceivePoChange860 } from './application/receive-po-change';
import { ReceiveAcknowledgements } from './application/receive-acknowledgements';
import { OutboundAckLedger } from './application/outbound-ack-ledger';
import { TypeormOutboundAckLedger } from './infrastructure/typeorm-outbound-ack.ledger';
import { OutboundAcksController } from './infrastructure/outbound-acks.controller';
import { OutboundAckMetrics } from './infrastructure/outbound-ack.metrics';
import { SendInventoryAdviceUseCase } from './application/send-inventory-advice.use-case';
import { InventoryAdviceController } from './infrastructure/inventory-advice.controller';
import { InventoryAdviceScheduler } from './infrastructure/inventory-advice.scheduler';
import { PartnersController } from './infrastructure/partners.controller';
import { ReceiptsController } from './infrastructure/receipts.controller';
import { EdiControlSequenceEntity, TradingPartnerEntity } from './infrastructure/trading-partner.entity';
import { PartnerSecretBox } from './application/partner-secret-box';
import { PartnerExchanges } from './application/partner-exchanges';
import { PartnerConnectivityConfig } from './partner-connectivity.config';
import { As2Controller } from './infrastructure/as2/as2.controller';
import { As2OutboundTransport } from './infrastructure/as2/as2-outbound.transport';
import { As2RawBodyMount } from './infrastructure/as2/as2-raw-body.mount';
import { As2Receiver } from './infrastructure/as2/as2-receiver';
import { ConnectionOutboundTransport } from './infrastructure/connection-outbound.transport';
import { PartnerExchangeEntity } from './infrastructure/partner-exchange.entity';
import { PartnerConnectionQuery } from './application/partner-connection.query';
import { PartnerConnectionController } from './infrastructure/partner-connection.controller';
import { PartnerCertificateMetrics } from './infrastructure/partner-certificate.metrics';
import { AesGcmPartnerSecretBox } from './infrastructure/partner-secret.box';
import { TypeormPartnerExchanges } from './infrastructure/typeorm-partner-exchanges';
import { SftpOutboundTransport } from './infrastructure/sftp/sftp-outbound.transport';
import { SftpPickupPoller } from './infrastructure/sftp/sftp-pickup.poller';
import { PartnerSecretsRotation } from './infrastructure/partner-secrets.rotation';
import { TypeormControlNumberSequence } from './infrastructure/typeorm-control-number.sequence';
import { TypeormInterchangeReceipts, TypeormTransactionSavepoints } from './infrastructure/typeorm-interchange-receipts';
import { TypeormTradingPartnerRepository } from './infrastructure/typeorm-trading-partner.repository';

export const EDI_X12_ENTITIES = [
  TradingPartnerEntity,
  EdiControlSequenceEntity,
  EdiInterchangeReceiptEntity,
  EdiOutboundAckEntity,
  PartnerExchangeEntity,
];

function providers(configFactory: () => EdiX12Config, env: () => NodeJS.ProcessEnv): Provider[] {
  return [
    { provide: EdiX12Config, useFactory: configFactory },
    { provide: PartnerConnectivityConfig, useFactory: () => PartnerConnectivityConfig.fromEnv(env()) },
    { provide: PartnerSecretBox, useClass: AesGcmPartnerSecretBox },
    { provide: PartnerExchanges, useClass: TypeormPartnerExchanges },
    FolderOutboundTransport,
    As2OutboundTransport,
    SftpOutboundTransport,
    SftpPickupPoller,
    PartnerSecretsRotation,
    As2Receiver,
    As2RawBodyMount,
    PartnerConnectionQuery,
    PartnerCertificateMetrics,
    {
      provide: HubIdentity,
      inject: [HUB_CONFIG],
      useFactory: (hub: HubConfig): HubIdentity => ({ isaQualifier: hub.HUB_ISA_QUALIFIER, isaId: hub.HUB_ISA_ID, gsId: hub.HUB_GS_ID }),
    },
    { provide: TradingPartnerRepository, useClass: TypeormTradingPartnerRepository },
    { provide: ControlNumberSequence, useClass: TypeormControlNumberSequence },
    { provide: InterchangeReceipts, useClass: TypeormInterchangeReceipts },
    { provide: TransactionSavepoints, useClass: TypeormTransactionSavepoints },
    { provide: OutboundTransport, useClass: ConnectionOutboundTransport },
    PartnerInterchangeWriter,
    EdiDocumentDeliverer,
    ReceiveX12UseCase,
    ReceivePoChange860,
    ReceiveAcknowledgements,
    { provide: OutboundAckLedger, useClass: TypeormOutboundAckLedger },
    OutboundAckMetrics,
    SendInventoryAdviceUseCase,
    InventoryAdviceScheduler,
    ManagePartnersUseCase,
    SeedPartnersUseCase,
    SendPartnerDocumentUseCase,
    GetReceiptQuery,
    EdiRawBodyMount,
    DropFolderWatcher,
    EdiBootstrap,
  ];
}

const EXPORTS = [
  EdiX12Config,
  TradingPartnerRepository,
  ReceiveX12UseCase,
  ManagePartnersUseCase,
  SendPartnerDocumentUseCase,
  SendInventoryAdviceUseCase,
  InventoryAdviceScheduler,
  EdiDocumentDeliverer,
  DropFolderWatcher,
  OutboundTransport,
  PartnerConnectivityConfig,
  PartnerExchanges,
  SftpPickupPoller,
];

const CONTROLLERS = [
  InboundX12Controller,
  PartnersController,
  InventoryAdviceController,
  OutboundAcksController,
  ReceiptsController,
  PartnerDocumentsConsumer,
  PoChangeAnswersConsumer,
  As2Controller,
  PartnerConnectionController,
];

/**
 * The EDI X12 channel: partner profiles (admin API, file and demo seeding), `POST /api/v1/inbound/x12`, drop
 * folders, TA1/997/999 back, and 855/810 out on the order's events. Needs the global persistence, messaging,
 * config and order-core modules (OutboundDocuments, ExceptionRepository, CustomerDirectory, the deliverer registry).
 * Configured from the environment (see EdiX12Config); `forRoot(env)` for tests.
 */
@Module({
  imports: [OrderCoreServicesModule, TypeOrmModule.forFeature(EDI_X12_ENTITIES)],
  controllers: CONTROLLERS,
  providers: providers(
    () => EdiX12Config.fromEnv(process.env),
    () => process.env,
  ),
  exports: EXPORTS,
})
export class EdiX12Module {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: EdiX12Module,
      imports: [OrderCoreServicesModule, TypeOrmModule.forFeature(EDI_X12_ENTITIES)],
      controllers: CONTROLLERS,
      providers: providers(
        () => EdiX12Config.fromEnv(env),
        () => env,
      ),
      exports: EXPORTS,
    };
  }
}
