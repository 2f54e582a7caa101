import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp, type TlsListener } from '../../src/http/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { KeyValueStore } from '../../src/platform/key-value-store.js';
import { DevMailbox } from '../../src/platform/mail/dev-mailbox.js';
import { MemoryStore } from '../../src/platform/memory-store.js';
import { RedisStore } from '../../src/platform/redis-store.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startWorker, type WorkerHandle } from '../../src/worker/worker.js';
import { createTestDatabase } from './test-database.js';
import { TEST_ENCRYPTION_KEY } from './test-encryption-key.js';

export interface Account {
  accessToken: string;
  refreshToken: string;
  userId: string;
  tenantId: string;
  tenantSlug: string;
  email: string;
  password: string;
}

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  databaseUrl: string;
  store: KeyValueStore;
  mailbox: DevMailbox;
  signup(opts?: { plan?: string; email?: string; password?: string; company?: string }): Promise<Account>;
  login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string }>;
  /** Sends queued outbox mail into `mailbox` (what the worker does in production). */
  deliverMail(): Promise<number>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment for loadConfig. */
  env?: Record<string, string>;
  /** Reuse another app's database (two nodes on one database). */
  databaseUrl?: string;
  /** The node's store client (two nodes: two clients linked to one keyspace). Defaults to Redis when REDIS_URL is set, else memory. */
  store?: KeyValueStore;
  /** Serve HTTPS (HTTP/2 with HTTP/1.1) with this certificate, as TLS_CERT_FILE does. */
  tls?: TlsListener;
}

export const STRONG_PASSWORD = 'Sturdy-Lattice-2048';

export { TEST_ENCRYPTION_KEY };

/** A unique key prefix per store, so test files sharing one Redis never see each other's counters. */
export function newTestStore(): KeyValueStore {
  const url = process.env.REDIS_URL;
  return url ? new RedisStore(url, `test:${randomBytes(6).toString('hex')}:`) : new MemoryStore();
}

let emailCounter = 0;
export const uniqueEmail = (tag = 'user'): string =>
  `${tag}-${Date.now().toString(36)}-${++emailCounter}-${randomBytes(3).toString('hex')}@example.com`;

/** Builds the real app on a fresh database through the same factory as the server. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = opts.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = opts.databaseUrl ?? database!.url;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: '5',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    PUBLIC_URL: 'http://localhost:8000',
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...opts.env,
  });
  const ownsStore = !opts.store;
  const store = opts.store ?? newTestStore();
  const mailbox = new DevMailbox();
  const runtime = await createRuntime({ config, databaseUrl, store, mail: mailbox });
  const app = await buildApp(runtime.appDeps(), opts.tls);
  await app.ready();
  runtime.lifecycle.markStarted();

  const t: TestApp = {
    app,
    runtime,
    databaseUrl,
    store,
    mailbox,
    async signup(o = {}) {
      const email = o.email ?? uniqueEmail();
      const password = o.password ?? STRONG_PASSWORD;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email, password, plan_code: o.plan ?? 'free', company_name: o.company ?? `Company ${randomBytes(3).toString('hex')}` },
      });
      if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
      const b = res.json();
      return {
        accessToken: b.access_token,
        refreshToken: b.refresh_token,
        userId: b.user_id,
        tenantId: b.tenant_id,
        tenantSlug: b.tenant_slug,
        email,
        password,
      };
    },
    async login(email, password) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return { accessToken: res.json().access_token, refreshToken: res.json().refresh_token };
    },
    async deliverMail() {
      // A reset request queues its mail after answering.
      await runtime.services.emailedTokens.drain();
      return runtime.services.mailOutbox.drain(runtime.db, mailbox);
    },
    async close() {
      await app.close();
      await runtime.close();
      if (ownsStore) await store.close();
      await database?.drop();
    },
  };
  return t;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The app's own background worker (jobs, mail outbox, webhook dispatcher), polling every 200 ms as the tests want it. */
export function startAppWorker(t: TestApp): Promise<WorkerHandle> {
  const { runtime } = t;
  return startWorker(
    {
      db: runtime.db,
      mail: t.mailbox,
      logger: runtime.logger,
      jobs: runtime.jobRunner,
      mailOutbox: runtime.services.mailOutbox,
      webhooks: runtime.webhookDispatcher,
    },
    200,
  );
}
