import { Injectable, OnModuleInit } from '@nestjs/common';
import { metricsRegistry } from '@orderhub/common';
import { Gauge } from 'prom-client';
import { PartnerConnectionQuery } from '../application/partner-connection.query';

let source: PartnerConnectionQuery | null = null;

// Computed at scrape time from the partner profiles, so they are never stale.
const expiryDays = new Gauge({
  name: 'orderhub_partner_certificate_expiry_days',
  help: 'Days until each AS2 partner certificate expires (negative once expired)',
  labelNames: ['partner', 'subject'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const { partner, certificate } of (await source?.certificates()) ?? [])
      this.set({ partner: partner.name, subject: certificate.subject }, certificate.expiresInDays);
  },
});
const expiringSoon = new Gauge({
  name: 'orderhub_partner_certificates_expiring_soon',
  help: 'AS2 partner certificates that expire within 30 days or already have',
  registers: [metricsRegistry],
  async collect() {
    this.set(((await source?.certificates()) ?? []).filter((c) => c.certificate.expiringSoon).length);
  },
});
void expiryDays;
void expiringSoon;

@Injectable()
export class PartnerCertificateMetrics implements OnModuleInit {
  constructor(private readonly query: PartnerConnectionQuery) {}

  onModuleInit(): void {
    source = this.query;
  }
}
