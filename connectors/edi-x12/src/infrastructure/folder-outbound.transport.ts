import { mkdir, open, rename } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@orderhub/common';
import { OutboundFile, OutboundTransport } from '../application/ports';
import type { TradingPartner } from '../domain/trading-partner';

/** HUB_DATA_DIR/edi/outbound/<partner id>/ unless the partner's destination names another folder. */
export function outboundFolder(dataDir: string, partner: Pick<TradingPartner, 'id' | 'destination'>): string {
  const path = partner.destination.path;
  if (!path) return join(dataDir, 'edi', 'outbound', partner.id);
  return isAbsolute(path) ? path : resolve(dataDir, path);
}

/**
 * Refuses a destination inside the hub's own data directory other than under edi/outbound: there a partner's
 * documents would land in another partner's drop folder (edi/inbound/<id>/, read back as that partner's input)
 * or beside the embedded database. Folders outside HUB_DATA_DIR (a mounted share) stay the admin's choice.
 */
export function assertSafeOutboundFolder(dataDir: string, folder: string): void {
  const data = resolve(dataDir);
  const target = resolve(folder);
  const inside = (root: string) => {
    const rel = relative(root, target);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (inside(data) && !inside(join(data, 'edi', 'outbound') + sep)) {
    throw new Error(`unsafe destination ${target}: inside HUB_DATA_DIR but not under ${join(data, 'edi', 'outbound')}`);
  }
}

/**
 * Writes each document as a file the partner's pickup can never see half-written: to a dot-file first, flushed
 * to disk, then renamed into place (atomic on one filesystem). Re-sending rewrites the same name.
 */
@Injectable()
export class FolderOutboundTransport extends OutboundTransport {
  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {
    super();
  }

  describe(partner: Pick<TradingPartner, 'id' | 'destination'>): string {
    return outboundFolder(this.config.dataDir, partner);
  }

  async send(partner: Pick<TradingPartner, 'id' | 'destination'>, file: OutboundFile): Promise<{ location: string }> {
    if (partner.destination.kind !== 'folder') throw new Error(`destination kind ${String(partner.destination.kind)} is not supported yet`);
    if (!/^[A-Za-z0-9._-]+$/.test(file.name) || file.name.startsWith('.')) throw new Error(`unsafe file name ${file.name}`);
    const folder = outboundFolder(this.config.dataDir, partner);
    assertSafeOutboundFolder(this.config.dataDir, folder);
    await mkdir(folder, { recursive: true });
    const target = join(folder, file.name);
    const temp = join(folder, `.${file.name}.${process.pid}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(file.content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    return { location: target };
  }
}
