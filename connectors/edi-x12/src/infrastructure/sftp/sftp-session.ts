import SftpClient from 'ssh2-sftp-client';
import type { SftpConnection } from '../../domain/partner-connection';

/** An unknown or changed host key: the connection is refused before any credential is sent. */
export class HostKeyMismatchError extends Error {
  readonly code = 'SFTP.HOST_KEY_MISMATCH';
  constructor(host: string, port: number, seen: string, pinned: string) {
    super(
      `SFTP.HOST_KEY_MISMATCH: ${host}:${port} presented host key ${seen}, not the pinned ${pinned}; refusing to connect (update hostKeySha256 only if the partner confirms a new key)`,
    );
  }
}

export interface SftpCredentials {
  privateKey?: string;
  password?: string;
}

/** `SHA256:<base64 without padding>` as `ssh-keygen -lf` prints it, from ssh2's hex digest. */
export function fingerprintOf(hexSha256: string): string {
  return `SHA256:${Buffer.from(hexSha256, 'hex').toString('base64').replace(/=+$/, '')}`;
}

/**
 * Opens an SFTP session (ssh2 through ssh2-sftp-client) with the partner's host key pinned: ssh2 hands us the
 * host key's SHA-256 before authenticating, and anything but the pinned fingerprint ends the handshake.
 */
export async function openSftp(connection: SftpConnection, credentials: SftpCredentials, timeoutMs = 20_000): Promise<SftpClient> {
  const client = new SftpClient('orderhub');
  let seen: string | null = null;
  try {
    await client.connect({
      host: connection.host,
      port: connection.port,
      username: connection.username,
      ...(credentials.privateKey ? { privateKey: credentials.privateKey } : {}),
      ...(credentials.password ? { password: credentials.password } : {}),
      readyTimeout: timeoutMs,
      retries: 0,
      hostHash: 'sha256',
      hostVerifier: (hash: string) => {
        seen = fingerprintOf(hash);
        return seen === connection.hostKeySha256;
      },
    } as SftpClient.ConnectOptions);
  } catch (error) {
    await client.end().catch(() => undefined);
    if (seen && seen !== connection.hostKeySha256)
      throw new HostKeyMismatchError(connection.host, connection.port, seen, connection.hostKeySha256);
    throw error;
  }
  return client;
}

export function remoteJoin(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}
