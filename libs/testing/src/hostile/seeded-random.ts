import { seededRandom } from '../seeded-random';

/** Hostile inputs replay from their seed. */
export const hostileRandom = seededRandom;

export function randomBytesFrom(random: () => number, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}
