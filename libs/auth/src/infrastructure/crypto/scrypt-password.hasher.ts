import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { PasswordHasher } from '../../application/ports';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** 2^15 / 8 / 1 (32 MiB, ~70 ms on a 2-core machine): OWASP's scrypt minimum, run on libuv's thread pool. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse absurd parameters from a stored string instead of allocating gigabytes for them. */
const MAX_N = 2 ** 20;

interface Decoded extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

/**
 * Self-describing `scrypt$N$r$p$salt$hash` (base64url) strings, so the cost can rise later and old hashes
 * still verify (and get re-hashed at the next sign-in, see `needsRehash`). Provided by a factory (the
 * parameters are not injectable).
 */
export class ScryptPasswordHasher extends PasswordHasher {
  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT) {
    super();
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.params, KEY_BYTES);
    const { N, r, p } = this.params;
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const decoded = decode(encoded);
    if (!decoded) return false;
    const key = await derive(password, decoded.salt, decoded, decoded.key.length);
    return timingSafeEqual(key, decoded.key);
  }

  needsRehash(encoded: string): boolean {
    const decoded = decode(encoded);
    return (
      !decoded || decoded.N < this.params.N || decoded.r < this.params.r || decoded.p < this.params.p || decoded.key.length < KEY_BYTES
    );
  }
}

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node's default maxmem (32 MiB) is exactly 128*N*r at N=2^15, which scrypt exceeds by its own overhead.
    scrypt(password.normalize('NFKC'), salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function decode(encoded: string): Decoded | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^\d{1,8}$/.test(v) ? Number(v) : NaN)) as [number, number, number];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return null;
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}
