import { Injectable } from '@nestjs/common';
import { OutboundFile, OutboundTransport, TransportPartner } from '../application/ports';
import { As2OutboundTransport } from './as2/as2-outbound.transport';
import { FolderOutboundTransport } from './folder-outbound.transport';
import { SftpOutboundTransport } from './sftp/sftp-outbound.transport';

/** Picks the transport by the partner's `connection`: AS2, SFTP, or the partner's outbound folder (http and folder). */
@Injectable()
export class ConnectionOutboundTransport extends OutboundTransport {
  constructor(
    private readonly folder: FolderOutboundTransport,
    private readonly as2: As2OutboundTransport,
    private readonly sftp: SftpOutboundTransport,
  ) {
    super();
  }

  describe(partner: TransportPartner): string {
    const c = partner.connection;
    switch (c.type) {
      case 'as2':
        return this.as2.describe(c);
      case 'sftp':
        return this.sftp.describe(c);
      case 'http':
      case 'folder':
        return this.folder.describe(partner);
    }
  }

  send(partner: TransportPartner, file: OutboundFile): Promise<{ location: string; pending?: boolean }> {
    const c = partner.connection;
    switch (c.type) {
      case 'as2':
        return this.as2.send(partner, c, file);
      case 'sftp':
        return this.sftp.send(partner, c, file);
      case 'http':
      case 'folder':
        return this.folder.send(partner, file);
    }
  }
}
