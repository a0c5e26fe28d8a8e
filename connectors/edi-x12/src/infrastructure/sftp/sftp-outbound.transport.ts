import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { PartnerExchanges } from '../../application/partner-exchanges';
import { PartnerSecretBox } from '../../application/partner-secret-box';
import type { OutboundFile, TransportPartner } from '../../application/ports';
import type { SftpConnection } from '../../domain/partner-connection';
import { openSftp, remoteJoin, SftpCredentials } from './sftp-session';

/** The partner's SFTP credentials, opened from their sealed form only for the connection (never logged). */
export function credentialsOf(connection: SftpConnection, secrets: PartnerSecretBox): SftpCredentials {
  return {
    privateKey: connection.privateKeySealed ? secrets.open(connection.privateKeySealed) : undefined,
    password: connection.passwordSealed ? secrets.open(connection.passwordSealed) : undefined,
  };
}

/**
 * Our documents into the partner's drop folder (any document kind). Written under a dot-name ending in .part, then
 * renamed (posix-rename, replacing a previous copy of the same document): the partner's pickup never sees half a
 * file. A failure throws, so the document is recorded failed and retried with backoff.
 */
@Injectable()
export class SftpOutboundTransport {
  private readonly logger = new Logger('sftp-outbound');

  constructor(
    private readonly secrets: PartnerSecretBox,
    private readonly exchanges: PartnerExchanges,
  ) {}

  describe(connection: SftpConnection): string {
    return `sftp://${connection.username}@${connection.host}:${connection.port}${connection.dropDir}`;
  }

  async send(partner: TransportPartner, connection: SftpConnection, file: OutboundFile): Promise<{ location: string }> {
    const target = remoteJoin(connection.dropDir, file.name);
    const temp = remoteJoin(connection.dropDir, `.${file.name}.${randomBytes(4).toString('hex')}.part`);
    try {
      const client = await openSftp(connection, credentialsOf(connection, this.secrets));
      try {
        await client.put(file.content, temp);
        await client.posixRename(temp, target);
      } catch (error) {
        await client.delete(temp, true).catch(() => undefined);
        throw error;
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch (error) {
      const message = `SFTP upload of ${file.name} to ${this.describe(connection)} failed: ${(error as Error).message}`;
      await this.exchanges.record({
        partnerId: partner.id,
        protocol: 'sftp',
        direction: 'out',
        reference: file.name,
        rawDocumentId: null,
        outboundDocumentId: file.documentId ?? null,
        status: 'failed',
        error: message.slice(0, 2000),
      });
      throw new Error(message);
    }
    await this.exchanges.record({
      partnerId: partner.id,
      protocol: 'sftp',
      direction: 'out',
      reference: file.name,
      rawDocumentId: null,
      outboundDocumentId: file.documentId ?? null,
      status: 'delivered',
    });
    this.logger.log(`${file.name} put into ${this.describe(connection)}`);
    return { location: `${this.describe(connection)}/${file.name}` };
  }
}
