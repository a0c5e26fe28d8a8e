import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './dovecot.server';
import { type TestIdentity, writeLegacyPkcs12 } from './test-certificates';

const ROOT = resolve(__dirname, '../../../..');
const FETCH = join(ROOT, 'tools', 'openas2', 'fetch.sh');
const KEYSTORE_PASSWORD = 'testas2';

/** A remote AS2 station OpenAS2 exchanges with (the hub, or another OpenAS2). */
export interface OpenAs2Remote {
  as2Id: string;
  /** Where OpenAS2 posts messages for it. */
  url: string;
  certPem: string;
}

/** One partnership, both directions: what OpenAS2 does when it sends from `localId` to `remoteId`. */
export interface OpenAs2Route {
  localId: string;
  remoteId: string;
  sign?: 'SHA256' | 'SHA1' | null;
  encrypt?: 'AES128' | 'AES192' | 'AES256' | '3DES' | null;
  compress?: boolean;
  mdn?: 'sync' | 'async';
  /** Ask for a signed MDN (default true). */
  signedMdn?: boolean;
}

export interface OpenAs2Options {
  /** OpenAS2's own key and certificate, used by every local AS2 id. */
  identity: TestIdentity;
  remotes: OpenAs2Remote[];
  routes: OpenAs2Route[];
}

export interface ReceivedFile {
  name: string;
  content: Buffer;
}

export interface OpenAs2Peer {
  /** Where partners post AS2 messages. */
  url: string;
  /** Where partners post asynchronous MDNs. */
  mdnUrl: string;
  dir: string;
  /** Queues a file for OpenAS2 to send from `localId` to `remoteId` (its directory poller picks it up). */
  send(localId: string, remoteId: string, fileName: string, content: string | Buffer): void;
  /** Files OpenAS2 received from `remoteId` for `localId` (decrypted, verified, stored). */
  inbox(remoteId: string, localId: string): ReceivedFile[];
  /** MDNs OpenAS2 received for what it sent from `localId` to `remoteId`, as stored by OpenAS2. */
  mdns(localId: string, remoteId: string): ReceivedFile[];
  /** Sends whose MDN OpenAS2 received and verified ("Message sent and MDN received successfully"). */
  confirmedSends(): number;
  /** Files OpenAS2 gave up on sending. */
  errors(localId: string, remoteId: string): string[];
  log(): string;
  stop(): Promise<void>;
}

export function javaAvailable(): string | null {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'java is not installed (Java 17 runs OpenAS2)';
}

/** The classpath folder, fetched through Maven on first use. */
export function openAs2Lib(): string {
  const lib = join(ROOT, 'tools', 'openas2', 'lib');
  if (existsSync(join(lib, 'openas2-server-2.10.1.jar'))) return lib;
  const r = spawnSync('bash', [FETCH], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`fetching OpenAS2 failed: ${r.stderr}`);
  return lib;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const folderOf = (from: string, to: string) => `${from}-${to}`;

function partnerships(options: OpenAs2Options, mdnUrl: string): string {
  const locals = [...new Set(options.routes.map((r) => r.localId))];
  const lines = ['<partnerships>'];
  for (const id of locals)
    lines.push(`  <partner name="${xml(id)}" as2_id="${xml(id)}" x509_alias="openas2" email="${xml(id)}@example.test"/>`);
  options.remotes.forEach((r) =>
    lines.push(
      `  <partner name="${xml(r.as2Id)}" as2_id="${xml(r.as2Id)}" x509_alias="${aliasOf(r.as2Id)}" email="${xml(r.as2Id)}@example.test"/>`,
    ),
  );
  for (const route of options.routes) {
    const remote = options.remotes.find((r) => r.as2Id === route.remoteId);
    if (!remote) throw new Error(`route to unknown remote ${route.remoteId}`);
    const micalg = route.sign === 'SHA1' ? 'sha1' : 'SHA256';
    const mdnOptions =
      route.signedMdn === false ? '' : `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, ${micalg}`;
    const attrs: Array<[string, string]> = [
      ['protocol', 'as2'],
      ['content_transfer_encoding', 'binary'],
      ['subject', 'orderhub test'],
      ['as2_url', remote.url],
      ['as2_mdn_to', `${route.localId}@example.test`],
      ['as2_mdn_options', mdnOptions],
      ['prevent_canonicalization_for_mic', 'false'],
      ['remove_cms_algorithm_protection_attrib', 'true'],
      ['resend_max_retries', '0'],
    ];
    if (route.sign) attrs.push(['sign', route.sign]);
    if (route.encrypt) attrs.push(['encrypt', route.encrypt]);
    if (route.compress) attrs.push(['compression_type', 'ZLIB']);
    if (route.mdn === 'async') attrs.push(['as2_receipt_option', mdnUrl]);
    const body = attrs.map(([n, v]) => `    <attribute name="${n}" value="${xml(v)}"/>`).join('\n');
    lines.push(
      `  <partnership name="${xml(route.localId)}-to-${xml(route.remoteId)}">\n    <sender name="${xml(route.localId)}"/>\n    <receiver name="${xml(route.remoteId)}"/>\n${body}\n  </partnership>`,
    );
    // The reverse direction: what OpenAS2 accepts from the remote (MDN options come from the remote's request).
    lines.push(
      `  <partnership name="${xml(route.remoteId)}-to-${xml(route.localId)}">\n    <sender name="${xml(route.remoteId)}"/>\n    <receiver name="${xml(route.localId)}"/>\n    <attribute name="protocol" value="as2"/>\n    <attribute name="as2_url" value="${xml(remote.url)}"/>\n  </partnership>`,
    );
  }
  lines.push('</partnerships>');
  return lines.join('\n');
}

function aliasOf(as2Id: string): string {
  return `remote-${as2Id.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

function config(dir: string, options: OpenAs2Options, port: number, mdnPort: number): string {
  const pollers = options.routes
    .map((r) => {
      const out = join(dir, 'data', 'outbox', folderOf(r.localId, r.remoteId));
      return `    <module classname="org.openas2.processor.receiver.AS2DirectoryPollingModule" outboxdir="${xml(out)}" errordir="${xml(join(dir, 'data', 'error', folderOf(r.localId, r.remoteId)))}" interval="1" defaults="sender.as2_id=${xml(r.localId)}, receiver.as2_id=${xml(r.remoteId)}" sendfilename="true" mimetype="application/EDI-X12"/>`;
    })
    .join('\n');
  // No command processors (one reads stdin, one opens a socket) and no H2 tracking database (it opens a TCP port).
  return `<openas2>
  <properties as2_message_id_format="OPENAS2-$date.ddMMyyyyHHmmssZ$-$rand.UUID$@$msg.sender.as2_id$_$msg.receiver.as2_id$"/>
  <certificates classname="org.openas2.cert.PKCS12CertificateFactory" filename="${xml(join(dir, 'config', 'as2_certs.p12'))}" password="${KEYSTORE_PASSWORD}" interval="300"/>
  <partnerships classname="org.openas2.partner.XMLPartnershipFactory" filename="${xml(join(dir, 'config', 'partnerships.xml'))}"/>
  <loggers>
    <logger classname="org.openas2.logging.ConsoleLogger" enabled="true"/>
  </loggers>
  <commands classname="org.openas2.cmd.XMLCommandRegistry" filename="${xml(join(dir, 'config', 'commands.xml'))}"/>
  <commandProcessors/>
  <processor classname="org.openas2.processor.DefaultProcessor" pendingMDN="${xml(join(dir, 'data', 'pendingMDN'))}" pendingMDNinfo="${xml(join(dir, 'data', 'pendingMDNinfo'))}">
    <module classname="org.openas2.processor.sender.AS2SenderModule"/>
    <module classname="org.openas2.processor.sender.MDNSenderModule"/>
${pollers}
    <module classname="org.openas2.processor.storage.MDNFileModule" filename="${xml(join(dir, 'data', 'mdn'))}/$mdn.msg.sender.as2_id$-$mdn.msg.receiver.as2_id$/$mdn.msg.headers.message-id$" protocol="as2" tempdir="${xml(join(dir, 'data', 'temp'))}"/>
    <module classname="org.openas2.processor.storage.MessageFileModule" filename="${xml(join(dir, 'data', 'inbox'))}/$msg.sender.as2_id$-$msg.receiver.as2_id$/$msg.content-disposition.filename$" header="${xml(join(dir, 'data', 'headers'))}/$msg.sender.as2_id$-$msg.receiver.as2_id$/$msg.headers.message-id$" protocol="as2" tempdir="${xml(join(dir, 'data', 'temp'))}"/>
    <module classname="org.openas2.processor.receiver.AS2ReceiverModule" address="127.0.0.1" port="${port}" errordir="${xml(join(dir, 'data', 'inbox-error'))}" errorformat="sender.as2_id, receiver.as2_id, headers.message-id"/>
    <module classname="org.openas2.processor.receiver.AS2MDNReceiverModule" address="127.0.0.1" port="${mdnPort}"/>
  </processor>
</openas2>
`;
}

/** Waits for OpenAS2's own "started" line (probing the port instead would log a bogus request error). */
async function waitForStart(timeoutMs: number, alive: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`OpenAS2 exited during start:\n${log()}`);
    if (/OpenAS2 Server v[\d.]+ started/.test(log())) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`OpenAS2 did not start within ${timeoutMs} ms:\n${log()}`);
}

function filesIn(folder: string): ReceivedFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => statSync(join(folder, n)).isFile())
    .sort()
    .map((name) => ({ name, content: readFileSync(join(folder, name)) }));
}

/**
 * A real OpenAS2 2.10.1 server (Java 17) on two free loopback ports (messages, async MDNs), with a keystore and
 * partnerships written for this run under .tmp/ of the repository. stop() kills it and removes the folder.
 */
export async function startOpenAs2(options: OpenAs2Options): Promise<OpenAs2Peer> {
  const lib = openAs2Lib();
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'openas2-'));
  for (const sub of ['config', 'data/temp', 'data/mdn', 'data/inbox']) mkdirSync(join(dir, sub), { recursive: true });
  for (const r of options.routes) mkdirSync(join(dir, 'data', 'outbox', folderOf(r.localId, r.remoteId)), { recursive: true });
  const [port, mdnPort] = [await freePort(), await freePort()];
  const mdnUrl = `http://127.0.0.1:${mdnPort}/`;
  writeLegacyPkcs12(
    join(dir, 'config', 'as2_certs.p12'),
    KEYSTORE_PASSWORD,
    options.identity,
    'openas2',
    options.remotes.map((r) => ({ alias: aliasOf(r.as2Id), certPem: r.certPem })),
  );
  writeFileSync(join(dir, 'config', 'partnerships.xml'), partnerships(options, mdnUrl));
  writeFileSync(join(dir, 'config', 'commands.xml'), '<commands>\n</commands>\n');
  writeFileSync(join(dir, 'config', 'config.xml'), config(dir, options, port, mdnPort));
  const child: ChildProcess = spawn(
    'java',
    [
      '-Dorg.apache.commons.logging.Log=org.openas2.logging.Log',
      '-Xms64m',
      '-Xmx384m',
      '-XX:+UseSerialGC',
      '-cp',
      `${lib}/*`,
      'org.openas2.app.OpenAS2Server',
      join(dir, 'config', 'config.xml'),
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const log = () => output;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForStart(60_000, () => child.exitCode === null, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    mdnUrl,
    dir,
    send(localId, remoteId, fileName, content) {
      const out = join(dir, 'data', 'outbox', folderOf(localId, remoteId));
      // Written beside, then renamed in: the poller never sees half a file.
      const temp = join(dir, 'data', 'temp', `.${fileName}`);
      writeFileSync(temp, content);
      renameSync(temp, join(out, fileName));
    },
    inbox: (remoteId, localId) => filesIn(join(dir, 'data', 'inbox', folderOf(remoteId, localId))),
    mdns: (localId, remoteId) => filesIn(join(dir, 'data', 'mdn', folderOf(localId, remoteId))),
    errors: (localId, remoteId) => filesIn(join(dir, 'data', 'error', folderOf(localId, remoteId))).map((f) => f.name),
    confirmedSends: () => (output.match(/Message sent and MDN received successfully/g) ?? []).length,
    log,
    stop,
  };
}
