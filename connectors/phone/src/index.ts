export { PhoneModule } from './phone.module';
export { phoneOrderToPurchaseOrder } from './application/phone-order.mapper';
export type { PhoneOrderForm } from './application/phone-order.mapper';
