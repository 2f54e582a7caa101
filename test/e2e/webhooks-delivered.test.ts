import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/accounts.js';
import { member, restarted } from './support/fleet-state.js';
import { apis, until } from './support/http-client.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A receiver on the loopback (the fleet runs with WEBHOOK_ALLOW_LOOPBACK=true):
 * `/main` answers 200; `/flaky` answers 503 to the first two attempts of each
 * event, then 200.
 */
let server: Server;
let receiverUrl: string;
const received: Received[] = [];
const flakyAttempts = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      let status = 200;
      if (req.url === '/flaky') {
        const attempt = (flakyAttempts.get(id) ?? 0) + 1;
        flakyAttempts.set(id, attempt);
        if (attempt <= 2) status = 503;
      }
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const at = (path: string) => received.filter((r) => r.path === path);
const ofType = (path: string, type: string) => at(path).filter((r) => JSON.parse(r.body).type === type);

describe('journey: a webhook is delivered, signed, retried and durable', () => {
  it(
    'delivers each lattice and job event signed (verified by the standardwebhooks package), retries a failing receiver with one webhook-id, and delivers an event accepted while the worker was down',
    { timeout: 240_000 },
    async () => {
      const [a, b] = apis();
      const owner = await signUp(a, { tag: 'webhooks', plan: 'enterprise' });
      const own = { token: owner.accessToken };

      // Register the receiver: every event to /main, lattice.created to /flaky with 1 s retries.
      const main = await a.post('/api/v1/webhooks', { url: `${receiverUrl}/main`, events: ['*'] }, own);
      expect(main.status, main.text).toBe(201);
      const secret: string = main.body.secret;
      expect(secret).toMatch(/^whsec_/);
      const flaky = await b.post(
        '/api/v1/webhooks',
        {
          url: `${receiverUrl}/flaky`,
          events: ['lattice.created'],
          secret: 'old_client_secret',
          retry_config: { max_retries: 3, retry_delay_seconds: 1 },
        },
        own,
      );
      expect(flaky.status, flaky.text).toBe(201);
      // The secret is shown once: neither the list nor the endpoint gives it back.
      const listed = await b.get('/api/v1/webhooks', own);
      expect(listed.status).toBe(200);
      expect(listed.text).not.toContain(secret);
      expect(listed.text).not.toContain('old_client_secret');

      // Changes on both API processes: create, update, a job, delete.
      const made = await b.post('/api/v1/lattices', { name: 'hooked', shape: [12, 12] }, own);
      expect(made.status, made.text).toBe(201);
      const latticeId: string = made.body.id;
      const renamed = await a.patch(`/api/v1/lattices/${latticeId}`, { name: 'hooked v2' }, own);
      expect(renamed.status, renamed.text).toBe(200);
      const job = await b.post(`/api/v1/lattices/${latticeId}/random-walk?async=true`, { walkers: 50, steps: 50, seed: 3 }, own);
      expect(job.status, job.text).toBe(202);
      const jobId: string = job.body.job_id;
      await until(
        async () => (await a.get(job.body.status_url, own)).body.status as string,
        (s) => s === 'succeeded',
        60_000,
        'job finished',
      );
      expect((await a.delete(`/api/v1/lattices/${latticeId}`, own)).status).toBe(204);

      const wanted = ['lattice.created', 'lattice.updated', 'job.completed', 'lattice.deleted'];
      await until(
        async () => wanted.map((t) => ofType('/main', t).length),
        (counts) => counts.every((n) => n >= 1),
        30_000,
        `events at /main (${wanted.join(', ')})`,
      );

      // Every delivery verifies with an independent implementation, and carries what API.md says.
      const verifier = new Webhook(secret);
      for (const r of at('/main')) {
        const payload = verifier.verify(r.body, r.headers as Record<string, string>) as Record<string, unknown>;
        expect(payload.id).toBe(r.headers['webhook-id']);
        expect(payload.tenant_id).toBe(owner.tenantId);
        expect(r.headers['x-webhook-event']).toBe(payload.type);
        expect(r.headers['x-webhook-signature']).toBe(
          `sha256=${createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
            .update(r.body)
            .digest('hex')}`,
        );
      }
      const data = (type: string) => JSON.parse(ofType('/main', type)[0].body).data;
      expect(data('lattice.created')).toMatchObject({
        lattice_id: latticeId,
        tenant_id: owner.tenantId,
        name: 'hooked',
        dimensions: 2,
        size: 12,
      });
      expect(data('lattice.updated')).toMatchObject({ lattice_id: latticeId, name: 'hooked v2' });
      expect(data('lattice.deleted')).toMatchObject({ lattice_id: latticeId });
      expect(data('job.completed')).toMatchObject({ job_id: jobId, lattice_id: latticeId, status: 'succeeded' });
      // A forged body does not verify.
      const first = at('/main')[0];
      expect(() =>
        verifier.verify(
          first.body.replace(owner.tenantId, '00000000-0000-0000-0000-000000000000'),
          first.headers as Record<string, string>,
        ),
      ).toThrow();

      // The failing receiver got lattice.created three times with one webhook-id, and the log says so.
      const retried = await until(
        async () => at('/flaky'),
        (rs) => rs.some((r) => r.status === 200),
        30_000,
        'flaky receiver answered 200',
      );
      expect(retried.map((r) => r.status)).toEqual([503, 503, 200]);
      expect(new Set(retried.map((r) => r.headers['webhook-id'])).size).toBe(1);
      const raw = new Webhook('old_client_secret', { format: 'raw' });
      for (const r of retried) expect(raw.verify(r.body, r.headers as Record<string, string>)).toMatchObject({ type: 'lattice.created' });
      const log = await a.get(`/api/v1/webhooks/${flaky.body.id}/deliveries`, own);
      expect(log.status).toBe(200);
      expect(log.body).toHaveLength(1);
      expect(log.body[0]).toMatchObject({
        event: 'lattice.created',
        event_id: retried[0].headers['webhook-id'],
        status: 'succeeded',
        attempts: 3,
        retry_count: 2,
        response_status: 200,
      });

      // Durable: an event accepted while the only worker is dead goes out once it is back.
      const worker = await member('worker-1');
      process.kill(worker.pid, 'SIGKILL');
      const whileDown = await a.post('/api/v1/lattices', { name: 'while the worker was down', shape: [4, 4] }, own);
      expect(whileDown.status, whileDown.text).toBe(201);
      await restarted('worker-1', worker);
      const late = await until(
        async () => ofType('/main', 'lattice.created').filter((r) => JSON.parse(r.body).data.lattice_id === whileDown.body.id),
        (rs) => rs.length >= 1,
        60_000,
        'event accepted while the worker was down',
      );
      expect(verifier.verify(late[0].body, late[0].headers as Record<string, string>)).toMatchObject({ type: 'lattice.created' });

      // A test event goes to its own endpoint only.
      const test = await b.post(`/api/v1/webhooks/${main.body.id}/test`, undefined, own);
      expect(test.status, test.text).toBe(202);
      await until(
        async () => ofType('/main', 'webhook.test').length,
        (n) => n === 1,
        30_000,
        'webhook.test delivered',
      );
      expect(ofType('/flaky', 'webhook.test')).toHaveLength(0);
      expect(ofType('/main', 'webhook.test')[0].headers['webhook-id']).toBe(test.body.event_id);
    },
  );
});
