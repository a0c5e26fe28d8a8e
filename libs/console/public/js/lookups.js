// @ts-check
// Master-data searches shared by phone entry, the exceptions queue and order search.
import { api, withQuery } from './api.js';

export async function searchCustomers(q) {
  return (await api.get(withQuery('/api/v1/customers', { q, limit: 10 }))).items;
}

export async function searchProducts(q) {
  return (await api.get(withQuery('/api/v1/products', { q, limit: 10 }))).items;
}

export const describeCustomer = (c) => `${c.name} (${c.code})${c.creditHold ? ' — credit hold' : ''}`;
export const describeProduct = (p) => `${p.sku} — ${p.description}${p.discontinued ? ' (discontinued)' : ''}`;
