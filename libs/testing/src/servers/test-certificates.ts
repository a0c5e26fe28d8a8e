import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key pair and self-signed certificate made for one test run (PEM). */
export interface TestIdentity {
  name: string;
  keyPem: string;
  certPem: string;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
}

/** RSA 2048 key and a self-signed certificate valid for `days` (AS2 partners exchange exactly these). */
export function makeTestIdentity(name: string, options: { days?: number } = {}): TestIdentity {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-cert-'));
  try {
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        String(options.days ?? 365),
        '-subj',
        `/CN=${name}/O=OrderHub tests`,
      ],
      dir,
    );
    return { name, keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'), certPem: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A PKCS#12 keystore holding `own` (alias `ownAlias`) and trusted certificates under their aliases, in the legacy
 * algorithms OpenAS2's BouncyCastle 1.66 can read (OpenSSL 3's defaults it cannot).
 */
export function writeLegacyPkcs12(
  path: string,
  password: string,
  own: TestIdentity,
  ownAlias: string,
  trusted: Array<{ alias: string; certPem: string }>,
): void {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-p12-'));
  try {
    writeFileSync(join(dir, 'key.pem'), own.keyPem);
    writeFileSync(join(dir, 'cert.pem'), own.certPem);
    writeFileSync(join(dir, 'extra.pem'), trusted.map((t) => t.certPem).join('\n'));
    const args = [
      'pkcs12',
      '-export',
      '-inkey',
      'key.pem',
      '-in',
      'cert.pem',
      '-name',
      ownAlias,
      '-passout',
      `pass:${password}`,
      '-out',
      path,
    ];
    args.push('-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1');
    if (trusted.length > 0) {
      args.push('-certfile', 'extra.pem');
      for (const t of trusted) args.push('-caname', t.alias);
    }
    openssl(args, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
