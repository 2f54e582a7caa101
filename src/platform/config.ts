import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Every setting the service reads, as one schema checked at start-up. A bad
 * value stops the process with a message naming the variable, instead of
 * surfacing later as a confusing runtime failure.
 */
const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);

export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
    description: '`production` adds HSTS on every response',
  }),
  HOST: Type.String({ default: '0.0.0.0', minLength: 1, description: 'Interface the HTTP server binds' }),
  PORT: Type.Integer({ default: 8000, minimum: 0, maximum: 65535, description: 'HTTP port' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino level (`silent` turns logs off)' },
  ),
  DATABASE_URL: Type.Optional(
    Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL URL; unset: an embedded PostgreSQL with data under DATA_DIR' }),
  ),
  EMBEDDED_POSTGRES_PORT: Type.Integer({
    default: 54329,
    minimum: 1024,
    maximum: 65535,
    description: 'Loopback port of the embedded PostgreSQL',
  }),
  DATABASE_POOL_MAX: Type.Integer({ default: 20, minimum: 1, maximum: 500, description: 'Connections in the pool of each process' }),
  REDIS_URL: Type.Optional(
    Type.String({ pattern: '^rediss?://', description: 'Redis URL (required with more than one node); unset: in-process stand-in' }),
  ),
  REDIS_COMMAND_TIMEOUT_MS: Type.Integer({
    default: 500,
    minimum: 50,
    maximum: 60_000,
    description: 'A Redis command not answered in this time fails (the request answers 503 with Retry-After) instead of hanging',
  }),
  DATA_DIR: Type.String({ default: '.catalytic', minLength: 1, description: 'Local state: embedded database, dev mailbox, calibration' }),
  PUBLIC_URL: Type.String({ default: 'http://localhost:8000', pattern: '^https?://', description: 'Base URL used in emailed links' }),
  CORS_ORIGINS: Type.String({
    default: '',
    description:
      'Extra allowed origins, comma-separated (localhost:3000 and :3001 are always allowed); a request without Origin gets the first allowed origin (http://localhost:3000) with `Vary: Origin`',
  }),
  BODY_LIMIT_BYTES: Type.Integer({
    default: 1_048_576,
    minimum: 1024,
    maximum: 10_485_760,
    description: 'Largest request body; larger gets 413',
  }),
  BODY_DRAIN_LIMIT_BYTES: Type.Integer({
    default: 16_777_216,
    minimum: 0,
    maximum: 1_073_741_824,
    description:
      'After a 413 (sent as soon as Content-Length shows the body is too large), at most this many bytes of the rest of the body are read and discarded before the connection closes, so a client still sending reads the answer; past it the connection is cut',
  }),
  HTTP_HEADERS_TIMEOUT_MS: Type.Integer({
    default: 10_000,
    minimum: 100,
    maximum: 120_000,
    description:
      'A client must send its complete request headers within this time, or the connection is closed (408); on the TLS listener too, for HTTP/1.1',
  }),
  HTTP_REQUEST_TIMEOUT_MS: Type.Integer({
    default: 30_000,
    minimum: 100,
    maximum: 600_000,
    description:
      'A client must send its whole request, body included, within this time, or the connection is closed (408; an HTTP/2 stream is reset instead); at least HTTP_HEADERS_TIMEOUT_MS',
  }),
  TRUST_PROXY: Type.Union([...Bool.anyOf], {
    default: 'false',
    description: 'Trust X-Forwarded-* (client IP for limits) from a proxy in front',
  }),
  TESTING_MODE: Type.Union([...Bool.anyOf], { default: 'false', description: 'Enables /api/testing/error and /api/testing/slow' }),
  ENCRYPTION_KEY: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+/]{43}=$',
      description:
        'Base64 of 32 bytes: the AES-256-GCM key for secrets at rest (signing keys, webhook secrets, mail tokens); unset: generated into DATA_DIR/encryption.key (mode 0600). Required in production with DATABASE_URL',
    }),
  ),
  ENCRYPTION_KEYS_PREVIOUS: Type.String({
    default: '',
    pattern: '^([A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*)?$',
    description: 'Earlier ENCRYPTION_KEY values, comma-separated: secrets they sealed still open and are re-sealed with the current key',
  }),
  JWT_ISSUER: Type.String({ default: 'catalytic', minLength: 1, description: '`iss` of issued tokens' }),
  JWT_AUDIENCE: Type.String({ default: 'catalytic-api', minLength: 1, description: '`aud` of issued tokens' }),
  JWT_PRIVATE_KEY: Type.Optional(
    Type.String({ minLength: 1, description: 'Ed25519 private key (PKCS#8 PEM); unset: a key kept in the database' }),
  ),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ default: 900, minimum: 30, maximum: 86_400, description: 'Access-token lifetime' }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ default: 604_800, minimum: 300, maximum: 7_776_000, description: 'Refresh-token lifetime' }),
  ARGON2_MEMORY_KIB: Type.Integer({ default: 19_456, minimum: 1024, maximum: 1_048_576, description: 'argon2id memory cost' }),
  ARGON2_TIME_COST: Type.Integer({ default: 2, minimum: 1, maximum: 10, description: 'argon2id passes' }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ default: 5, minimum: 1, description: 'Failed logins per account per window before 429' }),
  LOGIN_MAX_FAILURES_PER_IP: Type.Integer({ default: 20, minimum: 1, description: 'Failed logins per client IP per window before 429' }),
  LOGIN_LOCKOUT_WINDOW_SECONDS: Type.Integer({ default: 900, minimum: 1, description: 'Window of the login failure counters' }),
  REGISTRATIONS_PER_IP_PER_HOUR: Type.Integer({ default: 300, minimum: 1, description: 'Registrations per client IP per hour' }),
  PASSWORD_REJECT_PERSONAL_INFO: Type.Union([...Bool.anyOf], {
    default: 'true',
    description:
      "Refuse passwords that contain the user's name or the local part of their email (422 naming the rule); `false` lets old clients' set-ups such as `Test User` / `TestPassword123!` register",
  }),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://',
      description: 'SMTP relay (`smtp://` or `smtps://`); unset: dev mailbox file DATA_DIR/mailbox.jsonl',
    }),
  ),
  MAIL_FROM: Type.String({ default: 'Catalytic <no-reply@catalytic.local>', minLength: 3, description: 'Sender of account mail' }),
  JOB_TIMEOUT_SECONDS: Type.Integer({
    default: 900,
    minimum: 1,
    maximum: 86_400,
    description: 'A job running longer (or whose worker died) is failed and retried',
  }),
  JOB_CONCURRENCY: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 256,
    description:
      "Jobs one worker process runs at once; 0: one per CPU core (at least 2). One tenant gets at most all but one of them, and at most its plan's cap on concurrent jobs",
  }),
  JOB_RETRY_LIMIT: Type.Integer({ default: 2, minimum: 0, maximum: 20, description: 'Retries of a job after a transient failure' }),
  JOB_RESULT_RETENTION_HOURS: Type.Number({
    default: 168,
    minimum: 0.001,
    maximum: 8760,
    description: 'How long finished jobs and their results are kept',
  }),
  JOB_MAINTENANCE_INTERVAL_SECONDS: Type.Integer({
    default: 30,
    minimum: 1,
    maximum: 3600,
    description: 'How often expired jobs are looked for',
  }),
  QUEUE_POLL_INTERVAL_SECONDS: Type.Number({
    default: 1,
    minimum: 0.5,
    maximum: 60,
    description: 'How often an idle worker polls the queue',
  }),
  USAGE_FLUSH_INTERVAL_SECONDS: Type.Integer({
    default: 30,
    minimum: 1,
    maximum: 3600,
    description: 'How often usage counters are written to PostgreSQL',
  }),
  SYNC_MAX_WORK: Type.Number({
    default: 2e8,
    minimum: 0,
    description:
      "Lattice operations whose estimated work (the engine's cost estimate) is above this run as a job (202); smaller ones are answered at once",
  }),
  SYNC_DEADLINE_MS: Type.Integer({
    default: 10_000,
    minimum: 1,
    maximum: 600_000,
    description:
      'Longest a synchronous lattice operation may run (on the engine worker pool, never the API event loop); one predicted to take longer runs as a job (202), one that overruns it is stopped and queued as a job (or refused with 422 when async=false)',
  }),
  OPERATION_MEMORY_BUDGET_BYTES: Type.Integer({
    default: 0,
    minimum: 0,
    description:
      "Bytes the operation buffers of one process may hold at once (the engine's memory budget); runs beyond it wait in line, one larger than all of it is refused with 413. 0: half the machine's memory",
  }),
  KNOWLEDGE_CACHE_MAX_BYTES: Type.Integer({
    default: 268_435_456,
    minimum: 0,
    description: 'Byte budget of the persisted knowledge cache of operation results (least recently hit evicted first); 0 turns it off',
  }),
  WEBHOOK_ALLOW_LOOPBACK: Type.Union([...Bool.anyOf], {
    default: 'false',
    description:
      'Let webhooks target loopback addresses (127.0.0.0/8, ::1), for development and tests; private, link-local and other non-public targets stay refused',
  }),
  WEBHOOK_SECRET_OVERLAP_SECONDS: Type.Integer({
    default: 86_400,
    minimum: 0,
    maximum: 604_800,
    description: 'After a webhook secret rotation, how long the old secret keeps signing beside the new one (a rotation may set its own)',
  }),
  WEBHOOK_CONCURRENCY: Type.Integer({
    default: 128,
    minimum: 1,
    maximum: 1024,
    description: 'Webhook delivery attempts in flight per worker process, all endpoints together',
  }),
  WEBHOOK_ENDPOINT_CONCURRENCY: Type.Integer({
    default: 32,
    minimum: 1,
    maximum: 256,
    description: 'Webhook delivery attempts in flight to one endpoint per worker process (a slow endpoint cannot take every slot)',
  }),
  METRICS_HOST: Type.String({
    default: '127.0.0.1',
    minLength: 1,
    description: 'Interface a `catalytic worker` process serves /metrics on (the API serves /metrics on its own port)',
  }),
  METRICS_PORT: Type.Integer({
    default: 9464,
    minimum: 0,
    maximum: 65535,
    description: "Port of the worker's /metrics (0: any free port, logged at start-up)",
  }),
  BUILD_COMMIT: Type.Optional(
    Type.String({
      pattern: '^[0-9a-f]{7,40}$',
      description: "Git commit reported by catalytic_build_info; unset: read from the checkout's .git, else `unknown`",
    }),
  ),
  SHUTDOWN_DRAIN_DELAY_MS: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 60_000,
    description:
      'On SIGTERM, readiness answers 503 this long while requests are still served, so a load balancer stops routing here before the listener closes',
  }),
  TLS_CERT_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'PEM certificate chain: with TLS_KEY_FILE the server speaks HTTPS (HTTP/1.1 and HTTP/2); reloaded when the file changes',
    }),
  ),
  TLS_KEY_FILE: Type.Optional(Type.String({ minLength: 1, description: 'PEM private key of TLS_CERT_FILE' })),
  POSTGRES_BIN_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Directory of pg_dump/pg_restore for `catalytic backup`/`restore`; unset: PATH, then /usr/lib/postgresql/*/bin',
    }),
  ),
  CONSOLE_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Built web console served at /console; unset: console/dist of this package (built by npm ci)',
    }),
  ),
  SHUTDOWN_GRACE_MS: Type.Integer({
    default: 10_000,
    minimum: 0,
    maximum: 120_000,
    description: 'Time in-flight requests get to finish on SIGTERM',
  }),
});

export type RawConfig = Static<typeof ConfigSchema>;

export interface Config extends Omit<
  RawConfig,
  'TRUST_PROXY' | 'TESTING_MODE' | 'PASSWORD_REJECT_PERSONAL_INFO' | 'WEBHOOK_ALLOW_LOOPBACK'
> {
  TRUST_PROXY: boolean;
  TESTING_MODE: boolean;
  PASSWORD_REJECT_PERSONAL_INFO: boolean;
  WEBHOOK_ALLOW_LOOPBACK: boolean;
  corsOrigins: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_CORS_ORIGINS = ['http://localhost:3000', 'http://localhost:3001'];

const asBool = (v: unknown): boolean => v === 'true' || v === '1';

/** Reads the known variables from `env`, converts and checks them; throws ConfigError naming each bad one. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(ConfigSchema.properties);
  const picked: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  // TypeBox converts integers with parseInt ("8e3" → 8, "80.5" → 80): refuse such values before converting.
  const numberProblems: string[] = [];
  for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
    const type = (schema as { type?: string }).type;
    const value = picked[key];
    if (typeof value !== 'string') continue;
    if (type === 'integer' && !/^-?\d+$/.test(value.trim())) numberProblems.push(`${key}=${JSON.stringify(value)}: Expected an integer`);
    if (type === 'number' && !/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim()))
      numberProblems.push(`${key}=${JSON.stringify(value)}: Expected a number`);
  }
  const withDefaults = Value.Default(ConfigSchema, picked);
  const converted = Value.Convert(ConfigSchema, withDefaults) as Record<string, unknown>;
  const flagged = new Set(numberProblems.map((p) => p.split('=')[0]));
  const schemaProblems = [...Value.Errors(ConfigSchema, converted)]
    .map((e) => ({ name: e.path.replace(/^\//, ''), message: e.message }))
    .filter(({ name }) => !flagged.has(name))
    .map(({ name, message }) => `${name}=${JSON.stringify(env[name] ?? '')}: ${message}`);
  const problems = [...numberProblems, ...schemaProblems];
  // Several nodes on one database must share the key: a key file generated per machine would split them.
  if (converted.NODE_ENV === 'production' && converted.DATABASE_URL !== undefined && converted.ENCRYPTION_KEY === undefined) {
    problems.push('ENCRYPTION_KEY="": required when NODE_ENV=production and DATABASE_URL is set (every node must share it)');
  }
  if (
    typeof converted.HTTP_HEADERS_TIMEOUT_MS === 'number' &&
    typeof converted.HTTP_REQUEST_TIMEOUT_MS === 'number' &&
    converted.HTTP_HEADERS_TIMEOUT_MS > converted.HTTP_REQUEST_TIMEOUT_MS
  )
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)');
  if (Boolean(picked.TLS_CERT_FILE) !== Boolean(picked.TLS_KEY_FILE))
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE: set both for HTTPS, or neither');
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const raw = converted as RawConfig;
  const extra = raw.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  return {
    ...raw,
    TRUST_PROXY: asBool(raw.TRUST_PROXY),
    TESTING_MODE: asBool(raw.TESTING_MODE),
    PASSWORD_REJECT_PERSONAL_INFO: asBool(raw.PASSWORD_REJECT_PERSONAL_INFO),
    WEBHOOK_ALLOW_LOOPBACK: asBool(raw.WEBHOOK_ALLOW_LOOPBACK),
    corsOrigins: [...new Set([...DEFAULT_CORS_ORIGINS, ...extra])],
  };
}
