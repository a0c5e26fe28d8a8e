import { Injectable } from '@nestjs/common';
import { CustomerDirectory as CoreCustomerDirectory } from '@orderhub/order-core';
import { CustomerContacts, CustomerDirectory, type EmailCustomer } from '../application/ports';

/** The email channel's view of customers, over the order core's master data (exact address, then '@domain'). */
@Injectable()
export class OrderCoreCustomerDirectory extends CustomerDirectory implements CustomerContacts {
  constructor(private readonly customers: CoreCustomerDirectory) {
    super();
  }

  async findByEmail(address: string): Promise<EmailCustomer | null> {
    const customer = await this.customers.findByEmail(address);
    return customer ? { id: customer.id, name: customer.name, emails: customer.emails } : null;
  }

  async mailAddressOf(customerId: string): Promise<string | null> {
    const customer = await this.customers.findById(customerId);
    // '@domain' entries say who may send, not where to write.
    return customer?.emails.find((e) => !e.startsWith('@')) ?? null;
  }
}
