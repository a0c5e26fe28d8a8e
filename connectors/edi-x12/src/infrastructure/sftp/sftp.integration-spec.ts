import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, RunningHub, sshdUnavailable, startHub, startSshd, type SshdServer } from '@orderhub/testing';
import { HubModule } from '../../../../../apps/hub/src/hub.module';
import { DEMO_PARTNER } from '../../application/seed-partners.use-case';
import { SftpPickupPoller } from './sftp-pickup.poller';

/**
 * SFTP against Debian's OpenSSH sshd on loopback (its own config, host key and chroot): the hub collects 850s from
 * the partner's pickup folder and puts its 997s and 855s into the drop folder; a wrong host key is refused; sshd
 * killed mid-download loses nothing and doubles nothing.
 */
const skip = sshdUnavailable();
if (skip) console.warn(`SFTP integration specs skipped: ${skip}`);
const maybe = skip ? describe.skip : describe;

const SAMPLE = readFileSync(join(__dirname, '../../../samples/acme-850.x12'), 'utf8');

function an850(isaId: string, control: number, poNumber: string, extraLines = 0): string {
  const ctl = String(control).padStart(9, '0');
  let x = SAMPLE.replace('ACMERETAIL     ', isaId.padEnd(15, ' '))
    .replace('*ACMERETAIL*', `*${isaId}*`)
    .replace(/000000101/g, ctl)
    .replace('*0930*101*X*', `*0930*${control}*X*`)
    .replace('GE*1*101~', `GE*1*${control}~`)
    .replace('ACME-PO-1001', poNumber);
  if (extraLines > 0) {
    // A large order (many lines of the same two items), so a download takes many chunks.
    const lines = Array.from(
      { length: extraLines },
      (_, i) => `PO1*${i + 3}*1*EA*3.95*PE*BP*AC-778801*VN*HW-1001~\nPID*F****Wood screw 8 x 1-1/4 zinc box of 100~\n`,
    ).join('');
    x = x
      .replace('CTT*2*30~', `${lines}CTT*${2 + extraLines}*${30 + extraLines}~`)
      .replace('SE*10*0001~', `SE*${10 + 2 * extraLines}*0001~`);
  }
  return x;
}

maybe('SFTP with OpenSSH', () => {
  let hub: RunningHub;
  let sshd: SshdServer;
  let uid = 0;
  let gid = 0;

  /** The partner's side: a file written into its pickup folder (as its own upload would: temp name, then rename). */
  function partnerUploads(name: string, content: string): void {
    const temp = join(sshd.chroot, 'pickup', `.${name}.tmp`);
    writeFileSync(temp, content);
    chownSync(temp, uid, gid);
    renameSync(temp, join(sshd.chroot, 'pickup', name));
  }

  async function createPartner(name: string, isaId: string, connection: Record<string, unknown>): Promise<{ id: string; body: unknown }> {
    const res = await hub.api<{ id: string; partner: unknown }>('POST', '/api/v1/partners', {
      name,
      customerId: DEMO_PARTNER.draft.customerId,
      isaQualifier: 'ZZ',
      isaId,
      gsId: isaId,
      version: '004010',
      documents: ['997', '855'],
      connection,
    });
    if (res.status !== 201) throw new Error(`partner ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, body: res.body.partner };
  }

  async function ordersNamed(poNumber: string): Promise<number> {
    const list = await hub.api<{ items: Array<{ poNumber: string }> }>('GET', `/api/v1/orders?poNumber=${poNumber}`);
    return list.body.items.filter((o) => o.poNumber === poNumber).length;
  }

  const dropFiles = () => readdirSync(join(sshd.chroot, 'drop'));
  const sftp = (extra: Record<string, unknown>) => ({
    type: 'sftp',
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    hostKeySha256: sshd.hostKeySha256,
    pickupDir: '/pickup',
    dropDir: '/drop',
    pollSeconds: 1,
    ...extra,
  });

  beforeAll(async () => {
    sshd = await startSshd();
    const st = statSync(join(sshd.chroot, 'pickup'));
    uid = st.uid;
    gid = st.gid;
    process.env.HUB_SECRETS_KEY = randomBytes(32).toString('base64');
    process.env.HUB_SFTP_STABLE_MS = '500';
    hub = await startHub((config) => HubModule.forRoot(config), { HUB_REDELIVERY_INTERVAL_MS: '0' });
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    await sshd?.stop();
    delete process.env.HUB_SECRETS_KEY;
    delete process.env.HUB_SFTP_STABLE_MS;
  }, 120_000);

  it('collects an 850 from the pickup folder (key authentication) into a sales order and puts its 997 and 855 into the drop folder', async () => {
    const { id, body } = await createPartner('SFTP by key', 'SFTPKEY', sftp({ privateKey: sshd.clientPrivateKey }));
    // The secret is sealed: the API says it is there and never shows it.
    expect(JSON.stringify(body)).not.toContain('PRIVATE KEY');
    expect(body).toMatchObject({ connection: { type: 'sftp', hasPrivateKey: true, hasPassword: false } });
    partnerUploads('po-key.x12', an850('SFTPKEY', 701, 'SFTP-PO-KEY'));
    await eventually(async () => ((await ordersNamed('SFTP-PO-KEY')) === 1 ? true : undefined), 60_000, 'the order');
    expect(existsSync(join(sshd.chroot, 'pickup', 'po-key.x12'))).toBe(false);
    const files = await eventually(
      async () => (dropFiles().filter((f) => !f.startsWith('.')).length >= 2 ? dropFiles() : undefined),
      30_000,
      'the 997 and 855',
    );
    const contents = files.map((f) => readFileSync(join(sshd.chroot, 'drop', f), 'utf8'));
    expect(contents.some((c) => c.includes('ST*997*'))).toBe(true);
    expect(contents.some((c) => c.includes('ST*855*') && c.includes('SFTP-PO-KEY'))).toBe(true);
    expect(files.some((f) => f.endsWith('.part'))).toBe(false);
    const status = await hub.api<{ lastInbound: { status: string }; lastOutbound: { status: string }; lastError: unknown }>(
      'GET',
      `/api/v1/partners/${id}/connection`,
    );
    expect(status.body).toMatchObject({ lastInbound: { status: 'processed' }, lastOutbound: { status: 'delivered' }, lastError: null });
    await hub.api('PATCH', `/api/v1/partners/${id}`, { active: false });
  }, 90_000);

  it('authenticates with a password too, and never returns or stores it in clear', async () => {
    const { id } = await createPartner('SFTP by password', 'SFTPPW', sftp({ password: sshd.password }));
    const shown = await hub.api('GET', `/api/v1/partners/${id}`);
    expect(JSON.stringify(shown.body)).not.toContain(sshd.password);
    partnerUploads('po-pw.x12', an850('SFTPPW', 702, 'SFTP-PO-PASSWORD'));
    await eventually(async () => ((await ordersNamed('SFTP-PO-PASSWORD')) === 1 ? true : undefined), 60_000, 'the order');
    await hub.api('PATCH', `/api/v1/partners/${id}`, { active: false });
  }, 90_000);

  it('refuses a server whose host key is not the pinned one, with a clear error, and takes nothing', async () => {
    const wrongKey = `SHA256:${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
    const { id } = await createPartner('SFTP wrong host key', 'SFTPWRONG', sftp({ password: sshd.password, hostKeySha256: wrongKey }));
    partnerUploads('po-wrong.x12', an850('SFTPWRONG', 703, 'SFTP-PO-WRONGKEY'));
    const status = await eventually(
      async () => {
        const s = await hub.api<{ lastError: { message: string } | null }>('GET', `/api/v1/partners/${id}/connection`);
        return s.body.lastError ? s.body : undefined;
      },
      30_000,
      'the refusal',
    );
    expect(status.lastError?.message).toContain('SFTP.HOST_KEY_MISMATCH');
    expect(status.lastError?.message).toContain(sshd.hostKeySha256);
    expect(existsSync(join(sshd.chroot, 'pickup', 'po-wrong.x12'))).toBe(true);
    expect(await ordersNamed('SFTP-PO-WRONGKEY')).toBe(0);
    await hub.api('PATCH', `/api/v1/partners/${id}`, { active: false });
    // The file was never ours to take: clear it for the next test.
    readdirSync(join(sshd.chroot, 'pickup')).forEach(
      (f) => f === 'po-wrong.x12' && renameSync(join(sshd.chroot, 'pickup', f), join(sshd.chroot, `.${f}`)),
    );
  }, 60_000);

  it('loses nothing and doubles nothing when sshd is killed mid-download', async () => {
    const poller = hub.app.get(SftpPickupPoller);
    let cut = false;
    poller.onChunk = async (_partner, file) => {
      if (file === 'po-big.x12' && !cut) {
        cut = true;
        sshd.kill(); // sshd and its session, mid-transfer
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const { id } = await createPartner('SFTP cut', 'SFTPCUT', sftp({ privateKey: sshd.clientPrivateKey }));
    // ~70 KB: several 16 KB reads, so the cut after the first one lands before the end.
    const big = an850('SFTPCUT', 704, 'SFTP-PO-CUT', 800);
    expect(big.length).toBeGreaterThan(64_000);
    partnerUploads('po-big.x12', big);
    await eventually(async () => (cut ? true : undefined), 30_000, 'the cut');
    const failing = await eventually(
      async () => {
        const s = await hub.api<{ lastError: { message: string } | null }>('GET', `/api/v1/partners/${id}/connection`);
        return s.body.lastError ? s.body : undefined;
      },
      30_000,
      'the failure to show',
    );
    expect(failing.lastError).not.toBeNull();
    expect(await ordersNamed('SFTP-PO-CUT')).toBe(0);
    expect(existsSync(join(sshd.chroot, 'pickup', 'po-big.x12'))).toBe(true);
    await sshd.restart();
    await eventually(async () => ((await ordersNamed('SFTP-PO-CUT')) === 1 ? true : undefined), 150_000, 'the order after reconnecting');
    expect(existsSync(join(sshd.chroot, 'pickup', 'po-big.x12'))).toBe(false);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await ordersNamed('SFTP-PO-CUT')).toBe(1);
    poller.onChunk = undefined;
  }, 240_000);
});
