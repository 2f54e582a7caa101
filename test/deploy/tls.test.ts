import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import http2 from 'node:http2';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startProcess, type ServiceProcess } from '../../bench/deploy/processes.js';
import { selfSignedCertificate } from '../support/self-signed.js';
import { createTestDatabase } from '../support/test-database.js';

let workDir: string;
let database: { url: string; drop(): Promise<void> };
let api: ServiceProcess;
let port: number;
let certFile: string;
let keyFile: string;

const makeCertificate = async (name: string, cn: string, days: number) => selfSignedCertificate(workDir, name, cn, days);

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  peer: X509Certificate;
  alpn: string | false | null;
}

/** One request over HTTP/1.1 on a fresh TLS connection, trusting exactly `ca`. */
function getHttp1(urlPath: string, ca: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', servername: 'localhost', port, path: urlPath, ca, agent: false }, (res) => {
      const socket = res.socket as TLSSocket;
      const peer = new X509Certificate(socket.getPeerX509Certificate()!.raw);
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, peer, alpn: socket.alpnProtocol }));
    });
    req.on('error', reject);
  });
}

/** One request over HTTP/2. */
function getHttp2(urlPath: string, ca: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://localhost:${port}`, { ca });
    session.on('error', reject);
    const req = session.request({ ':path': urlPath });
    let headers: Record<string, unknown> = {};
    let body = '';
    req.on('response', (h) => (headers = h));
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const socket = session.socket as TLSSocket;
      const peer = new X509Certificate(socket.getPeerX509Certificate()!.raw);
      resolve({ status: Number(headers[':status']), headers, body, peer, alpn: session.alpnProtocol ?? false });
      session.close();
    });
    req.on('error', reject);
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'catalytic-tls-'));
  database = await createTestDatabase();
  const first = await makeCertificate('first', 'first.catalytic.test', 30);
  certFile = path.join(workDir, 'tls.crt');
  keyFile = path.join(workDir, 'tls.key');
  await writeFile(certFile, first.cert);
  await writeFile(keyFile, first.key);
  port = await freePort();
  api = startProcess(
    'api',
    ['api'],
    {
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: path.join(workDir, 'data'),
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: keyFile,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    },
    workDir,
  );
  await api.waitReady(port, { ca: first.cert });
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('TLS served natively', () => {
  it('answers HTTPS over HTTP/1.1 with HSTS', async () => {
    const ca = await readFile(certFile, 'utf8');
    const res = await getHttp1('/health/live', ca);
    expect(res.status).toBe(200);
    expect(res.alpn === false || res.alpn === 'http/1.1').toBe(true);
    expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(JSON.parse(res.body)).toEqual({ status: 'alive' });
  });

  it('answers HTTP/2 on the same port with HSTS', async () => {
    const ca = await readFile(certFile, 'utf8');
    const res = await getHttp2('/health/ready', ca);
    expect(res.alpn).toBe('h2');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(JSON.parse(res.body)).toEqual({ status: 'ready' });
  });

  it('exports the certificate expiry as a metric', async () => {
    const ca = await readFile(certFile, 'utf8');
    const expected = new Date(new X509Certificate(ca).validTo).getTime() / 1000;
    const metrics = (await getHttp1('/metrics', ca)).body;
    expect(metrics).toContain(`catalytic_tls_certificate_expiry_timestamp_seconds ${expected}`);
  });

  it('serves a replaced certificate on new connections without a restart, and updates the metric', { timeout: 60_000 }, async () => {
    const second = await makeCertificate('second', 'second.catalytic.test', 90);
    const pid = api.process.pid;
    // Replaced the way a secret mount or certbot does: new files renamed over the old ones.
    await writeFile(`${keyFile}.new`, second.key);
    await writeFile(`${certFile}.new`, second.cert);
    await rename(`${keyFile}.new`, keyFile);
    await rename(`${certFile}.new`, certFile);
    const deadline = Date.now() + 30_000;
    let subject = '';
    while (Date.now() < deadline) {
      // Trust both: whichever the server presents, the handshake completes and shows which it was.
      const res = await getHttp1('/health/live', second.cert + (await readFile(path.join(workDir, 'first.crt'), 'utf8')));
      subject = res.peer.subject;
      if (subject.includes('second.catalytic.test')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(subject).toContain('CN=second.catalytic.test');
    expect(api.process.pid).toBe(pid);
    expect(api.process.exitCode).toBeNull();
    const h2 = await getHttp2('/health/live', second.cert);
    expect(h2.peer.subject).toContain('CN=second.catalytic.test');
    const metrics = (await getHttp1('/metrics', second.cert)).body;
    const expiry = new Date(new X509Certificate(second.cert).validTo).getTime() / 1000;
    expect(metrics).toContain(`catalytic_tls_certificate_expiry_timestamp_seconds ${expiry}`);
    const firstExpiry = new Date(new X509Certificate(await readFile(path.join(workDir, 'first.crt'), 'utf8')).validTo).getTime() / 1000;
    expect(firstExpiry).not.toBe(expiry);
    expect(metrics).not.toContain(`catalytic_tls_certificate_expiry_timestamp_seconds ${firstExpiry}`);
  });

  it('keeps serving the previous certificate when the new files do not match', { timeout: 30_000 }, async () => {
    const other = await makeCertificate('other', 'other.catalytic.test', 10);
    const current = await readFile(certFile, 'utf8');
    await writeFile(keyFile, other.key);
    await new Promise((r) => setTimeout(r, 2500));
    const res = await getHttp1('/health/live', current);
    expect(res.status).toBe(200);
    expect(res.peer.subject).toContain('CN=second.catalytic.test');
    expect(api.outputTail()).toMatch(/not usable/);
  });
});
