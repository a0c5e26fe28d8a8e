import type { SmtpConfig } from './email-channel.config';
import { smtpTransportOptions } from './smtp-confirmation.mailer';

const base: SmtpConfig = { host: 'smtp.example.com', port: 587, tls: false, from: 'orders@example.com' };

/** SMTP_PASSWORD must never cross the network in the clear or to a relay whose certificate was not checked. */
describe('smtpTransportOptions', () => {
  it('implicit TLS (SMTP_TLS=1) checks the certificate', () => {
    expect(smtpTransportOptions({ ...base, port: 465, tls: true, user: 'hub', password: 'pw' })).toMatchObject({
      secure: true,
      requireTLS: false,
      tls: { rejectUnauthorized: true },
    });
  });

  it('with a password to a remote relay, requires STARTTLS and checks the certificate', () => {
    expect(smtpTransportOptions({ ...base, user: 'hub', password: 'pw' })).toMatchObject({
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: true },
      auth: { user: 'hub', pass: 'pw' },
    });
  });

  it('on loopback (a local sink) or without credentials (an internal relay), STARTTLS stays opportunistic', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      expect(smtpTransportOptions({ ...base, host, user: 'hub', password: 'pw' })).toMatchObject({
        requireTLS: false,
        tls: { rejectUnauthorized: false },
      });
    }
    expect(smtpTransportOptions(base)).toMatchObject({ requireTLS: false, tls: { rejectUnauthorized: false }, auth: undefined });
  });
});
