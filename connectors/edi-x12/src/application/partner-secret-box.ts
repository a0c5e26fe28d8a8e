/** Seals partner secrets (SFTP keys, passwords) for storage and opens them for use. Never logs them. */
export abstract class PartnerSecretBox {
  abstract canSeal(): boolean;
  abstract seal(plain: string): string;
  abstract open(sealed: string): string;
  /** Sealed with a key other than the current one (a rotation is under way). */
  abstract needsReseal(sealed: string): boolean;
}
