import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/catalytic.mjs');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

interface Listener {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the output once it holds `count` lines matching `pattern`. */
  waitForLines(pattern: RegExp, count: number): Promise<string[]>;
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function listen(args: string[]): Promise<Listener> {
  const child = spawn(process.execPath, [BIN, 'webhooks', 'listen', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  const waitForLines = async (pattern: RegExp, count: number, ms = 60_000) => {
    const by = Date.now() + ms;
    for (;;) {
      const lines = output.split('\n').filter((line) => pattern.test(line));
      if (lines.length >= count) return lines;
      if (child.exitCode !== null || Date.now() > by) throw new Error(`no ${count} lines matching ${pattern} in:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // Loading the sources through tsx is slow on a busy machine.
  const [ready] = await waitForLines(/127\.0\.0\.1:\d+/, 1, 90_000);
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(ready)![1];
  return { child, url, output: () => output, waitForLines };
}

/**
 * Signs as the service does, with an independent implementation (the `standardwebhooks` package):
 * Standard Webhooks with every secret given (a rotation sends several), the legacy header with the first.
 */
function signed(secrets: string[], id: string, timestamp: number, body: string): Record<string, string> {
  const key = (s: string) => (s.startsWith('whsec_') ? Buffer.from(s.slice(6), 'base64') : Buffer.from(s, 'utf8'));
  const webhook = (s: string) => (s.startsWith('whsec_') ? new Webhook(s) : new Webhook(s, { format: 'raw' }));
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => webhook(s).sign(id, new Date(timestamp * 1000), body)).join(' '),
    'x-webhook-event': JSON.parse(body).type,
    'x-webhook-signature': `sha256=${createHmac('sha256', key(secrets[0])).update(body).digest('hex')}`,
  };
}

function event(type: string, data: Record<string, unknown>): string {
  return JSON.stringify({ id: 'evt_1', type, event: type, timestamp: new Date().toISOString(), tenant_id: 't1', data });
}

const now = () => Math.floor(Date.now() / 1000);

describe('catalytic webhooks listen', () => {
  it('prints each delivery and says whether its signature verifies; refuses a bad one with 401', { timeout: 120_000 }, async () => {
    const listener = await listen(['--secret', SECRET]);
    expect(listener.output()).toContain('checking signatures with the given secret');

    const good = event('lattice.created', { lattice_id: 'lat_42', name: 'demo', dimensions: 2, size: [8, 8] });
    const ok = await fetch(`${listener.url}/hooks`, { method: 'POST', headers: signed([SECRET], 'msg_good', now(), good), body: good });
    expect(ok.status).toBe(200);

    const bad = event('lattice.deleted', { lattice_id: 'lat_42' });
    const badHeaders = signed([SECRET], 'msg_bad', now(), bad);
    const forged = await fetch(`${listener.url}/hooks`, { method: 'POST', headers: badHeaders, body: bad.replace('lat_42', 'lat_43') });
    expect(forged.status).toBe(401);

    // A rotation: signed with the old and the new secret, the listener holds the new one.
    const rotated = event('job.completed', { job_id: 'job_7' });
    const both = await fetch(`${listener.url}/`, {
      method: 'POST',
      headers: signed([OLD_SECRET, SECRET], 'msg_rot', now(), rotated),
      body: rotated,
    });
    expect(both.status).toBe(200);

    const stale = event('lattice.updated', { lattice_id: 'lat_42' });
    const old = await fetch(`${listener.url}/`, {
      method: 'POST',
      headers: signed([SECRET], 'msg_stale', now() - 600, stale),
      body: stale,
    });
    expect(old.status).toBe(401);

    const other = event('webhook.test', {});
    const wrongKey = await fetch(`${listener.url}/`, {
      method: 'POST',
      headers: signed([OLD_SECRET], 'msg_other', now(), other),
      body: other,
    });
    expect(wrongKey.status).toBe(401);

    const unsigned = await fetch(`${listener.url}/`, { method: 'POST', body: 'plain text' });
    expect(unsigned.status).toBe(401);

    const lines = await listener.waitForLines(/^\S+Z {2}POST /, 6);
    const line = (id: string) => lines.find((l) => l.includes(`webhook-id=${id} `)) ?? '';
    expect(line('msg_good')).toMatch(
      /POST \/hooks {2}lattice\.created {2}webhook-id=msg_good {2}webhook-timestamp=\d+ .* signature verified {2}→ 200$/,
    );
    expect(line('msg_bad')).toMatch(/lattice\.deleted .*signature INVALID \(no signature matches the secret\) {2}→ 401$/);
    expect(line('msg_rot')).toMatch(/job\.completed .*signature verified {2}→ 200$/);
    expect(line('msg_stale')).toMatch(/signature INVALID \(webhook-timestamp is outside the tolerance\) {2}→ 401$/);
    expect(line('msg_other')).toMatch(/webhook\.test .*signature INVALID \(no signature matches the secret\)/);
    expect(lines.find((l) => l.includes('webhook-id=(no webhook-id)'))).toMatch(
      /signature INVALID \(missing webhook-id, webhook-timestamp or webhook-signature\) {2}→ 401$/,
    );

    // The second line of each delivery: the legacy header's check and the body's data.
    const output = listener.output();
    expect(output).toContain(
      `legacy X-Webhook-Signature verified; ${Buffer.byteLength(good)} bytes: {"lattice_id":"lat_42","name":"demo","dimensions":2,"size":[8,8]}`,
    );
    expect(output).toContain('legacy X-Webhook-Signature INVALID (X-Webhook-Signature does not match)');
    expect(output).toContain('legacy X-Webhook-Signature INVALID (missing X-Webhook-Signature); 10 bytes: (not JSON) plain text');

    const huge = await fetch(`${listener.url}/`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
  });

  it(
    'with --json prints one object per delivery; --status and --accept-invalid set the answer; a raw secret verifies',
    { timeout: 120_000 },
    async () => {
      const listener = await listen(['--secret', 'test_secret', '--json', '--status', '503', '--accept-invalid']);
      const body = event('job.failed', { job_id: 'job_9', error: 'boom' });
      const good = await fetch(listener.url, { method: 'POST', headers: signed(['test_secret'], 'msg_raw', now(), body), body });
      expect(good.status).toBe(503);
      const bad = await fetch(listener.url, { method: 'POST', headers: signed(['wrong_secret'], 'msg_wrong', now(), body), body });
      expect(bad.status).toBe(503);
      const lines = await listener.waitForLines(/^\{"receivedAt"/, 2);
      const [raw, wrong] = lines.map((l) => JSON.parse(l));
      expect(raw).toMatchObject({
        method: 'POST',
        event: 'job.failed',
        webhookId: 'msg_raw',
        signature: { outcome: 'verified' },
        legacySignature: { outcome: 'verified' },
        status: 503,
        summary: '{"job_id":"job_9","error":"boom"}',
      });
      expect(raw.ageSeconds).toBeLessThanOrEqual(5);
      expect(wrong).toMatchObject({ webhookId: 'msg_wrong', signature: { outcome: 'invalid' }, status: 503 });
    },
  );

  it('without --secret reports signatures as not checked and answers 200', { timeout: 120_000 }, async () => {
    const listener = await listen([]);
    const body = event('webhook.test', { message: 'hello' });
    const res = await fetch(listener.url, { method: 'POST', headers: signed(['anything-at-all'], 'msg_plain', now(), body), body });
    expect(res.status).toBe(200);
    const [line] = await listener.waitForLines(/webhook-id=msg_plain/, 1);
    expect(line).toMatch(/webhook\.test .*signature not checked \(no --secret\) {2}→ 200$/);
  });

  it('exits 2 with the usage for bad arguments', { timeout: 60_000 }, async () => {
    const noPort = await run(['webhooks', 'listen']);
    expect(noPort.code).toBe(2);
    expect(noPort.stderr).toContain('needs --port N');
    expect(noPort.stderr).toContain('Usage: catalytic webhooks listen');
    const badStatus = await run(['webhooks', 'listen', '--port', '0', '--status', '99']);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('--status takes an HTTP status');
    const unknown = await run(['webhooks', 'send']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown subcommand "send"');
  });
});
