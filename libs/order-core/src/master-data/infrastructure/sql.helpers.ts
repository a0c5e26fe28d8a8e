import { ConflictError, normalize } from '@orderhub/contracts';

/** A LIKE pattern that matches `text` literally (users type %, _ and \ in part numbers and SKUs). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** numeric columns come back as '12.5000'; clients get the canonical decimal ('12.5'). */
export function decimalOut(value: string): string {
  return normalize(value);
}

/** Money keeps at least two places ('12.50'), more only when the stored price has them ('0.1275'). */
export function moneyOut(value: string): string {
  const text = normalize(value);
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(2, '0')}`;
}

export function isoOut(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * Unique violations that slip past the use cases' checks (two admins racing) become a 409 rather than a 500.
 * Checked by PostgreSQL's SQLSTATE, which both node-postgres and PGlite report.
 */
export async function conflictOnUniqueViolation<T>(work: () => Promise<T>, code: string, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const sqlState = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
    if (sqlState === '23505') throw new ConflictError(code, message);
    throw error;
  }
}
