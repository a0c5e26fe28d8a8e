import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubConfig } from '@orderhub/common';
import { assertSafeOutboundFolder, FolderOutboundTransport, outboundFolder } from './folder-outbound.transport';

const PARTNER_A = '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0e0001';
const PARTNER_B = '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0e0002';

describe('FolderOutboundTransport destinations', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'edi-out-'));
  const transport = new FolderOutboundTransport({ dataDir } as HubConfig);
  const file = { name: '855-000000001.x12', content: Buffer.from('ISA*...~') };

  it('writes to edi/outbound/<partner id>/ by default', async () => {
    const { location } = await transport.send({ id: PARTNER_A, destination: { kind: 'folder' } }, file);
    expect(location).toBe(join(dataDir, 'edi', 'outbound', PARTNER_A, file.name));
  });

  it("refuses a destination in another partner's drop folder, where the hub would read it back as that partner's input", async () => {
    const destination = { kind: 'folder' as const, path: `edi/inbound/${PARTNER_B}` };
    await expect(transport.send({ id: PARTNER_A, destination }, file)).rejects.toThrow(/unsafe destination/);
    await expect(
      transport.send({ id: PARTNER_A, destination: { kind: 'folder', path: 'edi/outbound/../inbound/x' } }, file),
    ).rejects.toThrow(/unsafe destination/);
    expect(() => readdirSync(join(dataDir, 'edi', 'inbound'))).toThrow(); // nothing was created there
  });

  it('refuses the data directory itself and the embedded database folder', () => {
    for (const path of ['.', 'db', join(dataDir, 'db', 'x'), '../' + dataDir.split('/').pop()]) {
      expect(() =>
        assertSafeOutboundFolder(dataDir, outboundFolder(dataDir, { id: PARTNER_A, destination: { kind: 'folder', path } })),
      ).toThrow(/unsafe destination/);
    }
  });

  it('allows sub-folders of edi/outbound and folders outside the data directory (a mounted share)', () => {
    for (const path of ['edi/outbound/acme', join(tmpdir(), 'partner-share')]) {
      expect(() =>
        assertSafeOutboundFolder(dataDir, outboundFolder(dataDir, { id: PARTNER_A, destination: { kind: 'folder', path } })),
      ).not.toThrow();
    }
  });
});
