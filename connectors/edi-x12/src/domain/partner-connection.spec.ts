import { connectionInputSchema, connectionView, sealConnection } from './partner-connection';

const sftp = {
  type: 'sftp',
  host: 'sftp.partner.example',
  username: 'acme',
  hostKeySha256: `SHA256:${'A'.repeat(43)}`,
  pickupDir: '/out',
  dropDir: '/in',
};

describe('partner connection', () => {
  it('defaults the SFTP port and poll interval, and refuses a host key not written as ssh-keygen -lf prints it', () => {
    expect(connectionInputSchema.parse({ ...sftp, password: 'pw' })).toMatchObject({ port: 22, pollSeconds: 60 });
    expect(connectionInputSchema.safeParse({ ...sftp, password: 'pw', hostKeySha256: 'ab:cd:ef' }).success).toBe(false);
  });

  it('refuses an AS2 connection without a certificate or with a bad URL', () => {
    expect(connectionInputSchema.safeParse({ type: 'as2', as2Id: 'ACME', url: 'ftp://x', certificates: [] }).success).toBe(false);
  });

  it('seals SFTP secrets, keeps them on a change that leaves them out, and never shows them', () => {
    const seal = (s: string) => `sealed(${s.length})`;
    const first = sealConnection(connectionInputSchema.parse({ ...sftp, password: 'pw-1' }), undefined, seal);
    expect(first.problems).toEqual([]);
    const edited = sealConnection(connectionInputSchema.parse({ ...sftp, pollSeconds: 5 }), first.connection, seal);
    expect(edited.connection).toMatchObject({ pollSeconds: 5, passwordSealed: 'sealed(4)' });
    expect(JSON.stringify(connectionView(edited.connection))).not.toContain('sealed');
    expect(connectionView(edited.connection)).toMatchObject({ hasPassword: true, hasPrivateKey: false });
    expect(sealConnection(connectionInputSchema.parse(sftp), undefined, seal).problems).toEqual([
      'connection: an SFTP connection needs privateKey or password',
    ]);
  });
});
