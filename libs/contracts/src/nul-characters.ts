// PostgreSQL stores no U+0000 in text or jsonb. These find it (to refuse input) or replace it (to keep what was
// received without losing the rest). Only plain objects and arrays are walked (a Date or Buffer is left as is).

const isPlain = (value: object): boolean =>
  Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;

/** Where the first string holding U+0000 sits in `value` (a dotted path), or undefined. Bounded depth. */
export function nulCharacterPath(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : undefined;
  if (value === null || typeof value !== 'object' || depth > 64 || !isPlain(value)) return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = nulCharacterPath(child, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A deep copy of `value` with every U+0000 in its strings replaced by U+FFFD, for storing what was received. */
export function withoutNulCharacters<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '\uFFFD') as T;
  if (value === null || typeof value !== 'object' || depth > 64 || !isPlain(value)) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => withoutNulCharacters(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutNulCharacters(v, depth + 1)])) as T;
}
