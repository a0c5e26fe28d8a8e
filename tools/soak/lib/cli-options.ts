import { parseMix, type Mix } from './load';

/**
 * Options from `--name=value` arguments or environment variables (SOAK_NAME / CHAOS_NAME), arguments winning:
 * `npm run soak -- --rate=10 --seconds=120` or `SOAK_RATE=10 npm run soak`.
 */
export function cliOptions(envPrefix: string, argv: string[] = process.argv.slice(2)) {
  const args = new Map(
    argv
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const [k, ...v] = a.slice(2).split('=');
        return [k, v.join('=')] as const;
      }),
  );
  const text = (name: string, fallback: string): string =>
    args.get(name) ?? process.env[`${envPrefix}_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
  const num = (name: string, fallback: number): number => {
    const v = Number(text(name, String(fallback)));
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} (${envPrefix}_${name.toUpperCase()}) must be a non-negative number`);
    return v;
  };
  const mix: Mix = parseMix(text('mix', 'edi=4,shopify=3,phone=2,email=1'));
  return { text, num, mix };
}
