import { z } from 'zod';
import { defineConfig, env } from '@orderhub/common';

/**
 * The EDI channel's own settings, validated at boot: a bad value stops the process and names the variable.
 *
 * | variable | meaning | default |
 * | HUB_PARTNERS_FILE | JSON array of partner profiles, upserted by ISA qualifier+id at boot | none |
 * | HUB_EDI_MAX_BODY_BYTES | largest X12 body accepted over HTTP (413 EDI.PAYLOAD_TOO_LARGE beyond) | 67108864 (64 MiB) |
 * | HUB_EDI_DROP_FOLDERS | watch HUB_DATA_DIR/edi/inbound/<partner id>/ | 1 |
 * | HUB_EDI_DROP_SCAN_MS | periodic scan of the drop folders (fs.watch only makes it sooner) | 5000 |
 * | HUB_EDI_DROP_STABLE_MS | a file is picked up once its size and mtime held still this long | 1000 |
 * | HUB_EDI_INLINE_MAX_BYTES | dropped files up to this size are copied into the database; larger ones stay files | 8388608 (8 MiB) |
 */
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const int = (min: number, max: number, example: string) =>
  env(z.coerce.number().int().min(min).max(max), { description: `a whole number from ${min} to ${max}`, example });

const ediConfig = defineConfig(
  'edi-x12',
  z.object({
    HUB_PARTNERS_FILE: env(z.string().min(1).optional(), { description: 'a JSON file of partner profiles', example: './partners.json' }),
    HUB_EDI_MAX_BODY_BYTES: int(1024, 2 ** 31, '67108864').default(64 * 1024 * 1024),
    HUB_EDI_DROP_FOLDERS: env(flag.default(true), { description: '0, 1, true or false', example: '1' }),
    HUB_EDI_DROP_SCAN_MS: int(50, 3_600_000, '5000').default(5000),
    HUB_EDI_DROP_STABLE_MS: int(0, 600_000, '1000').default(1000),
    HUB_EDI_INLINE_MAX_BYTES: int(0, 2 ** 30, '8388608').default(8 * 1024 * 1024),
  }),
);

export class EdiX12Config {
  constructor(
    readonly partnersFile: string | undefined,
    readonly maxBodyBytes: number,
    readonly dropFolders: boolean,
    readonly dropScanMs: number,
    readonly dropStableMs: number,
    readonly inlineMaxBytes: number,
  ) {}

  static fromEnv(source: NodeJS.ProcessEnv): EdiX12Config {
    const c = ediConfig.load(source);
    return new EdiX12Config(
      c.HUB_PARTNERS_FILE,
      c.HUB_EDI_MAX_BODY_BYTES,
      c.HUB_EDI_DROP_FOLDERS,
      c.HUB_EDI_DROP_SCAN_MS,
      c.HUB_EDI_DROP_STABLE_MS,
      c.HUB_EDI_INLINE_MAX_BYTES,
    );
  }

  describe(): string {
    return `EDI X12: HTTP bodies up to ${this.maxBodyBytes} bytes, drop folders ${this.dropFolders ? `scanned every ${this.dropScanMs} ms` : 'off'}${this.partnersFile ? `, partners from ${this.partnersFile}` : ''}`;
  }
}
