// Generated migrations, in order. `npm run migration:generate -- <Name>` appends here.
import { PartnerConnectivity1796226391104 } from './1796226391104-partner-connectivity';
import { IntakeBoundary1796227668041 } from './1796227668041-intake-boundary';
import { EdiShipNoticesChangesAcks1796228893935 } from './1796228893935-edi-ship-notices-changes-acks';
import { EdiPartners1795314291368 } from './1795314291368-edi-partners';
import { EmailTemplates1795314185814 } from './1795314185814-email-templates';
import { OrderCore1795313848677 } from './1795313848677-order-core';
import { MasterData1795313247756 } from './1795313247756-master-data';
import { AuthUsers1795313074911 } from './1795313074911-auth-users';
import { InitialBackbone1795312767112 } from './1795312767112-initial-backbone';
export const MIGRATIONS: Function[] = [
  InitialBackbone1795312767112,
  AuthUsers1795313074911,
  MasterData1795313247756,
  OrderCore1795313848677,
  EmailTemplates1795314185814,
  EdiPartners1795314291368,
  PartnerConnectivity1796226391104,
  IntakeBoundary1796227668041,
  EdiShipNoticesChangesAcks1796228893935,
];
