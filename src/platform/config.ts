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
  }),
  HOST: Type.String({ default: '0.0.0.0', minLength: 1 }),
  PORT: Type.Integer({ default: 8000, minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  EMBEDDED_POSTGRES_PORT: Type.Integer({ default: 54329, minimum: 1024, maximum: 65535 }),
  DATABASE_POOL_MAX: Type.Integer({ default: 20, minimum: 1, maximum: 500 }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  DATA_DIR: Type.String({ default: '.catalytic', minLength: 1 }),
  PUBLIC_URL: Type.String({ default: 'http://localhost:8000', pattern: '^https?://' }),
  CORS_ORIGINS: Type.String({ default: '' }),
  BODY_LIMIT_BYTES: Type.Integer({ default: 1_048_576, minimum: 1024, maximum: 10_485_760 }),
  TRUST_PROXY: Bool,
  TESTING_MODE: Bool,
  JWT_ISSUER: Type.String({ default: 'catalytic', minLength: 1 }),
  JWT_AUDIENCE: Type.String({ default: 'catalytic-api', minLength: 1 }),
  JWT_PRIVATE_KEY: Type.Optional(Type.String({ minLength: 1 })),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ default: 900, minimum: 30, maximum: 86_400 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ default: 604_800, minimum: 300, maximum: 7_776_000 }),
  ARGON2_MEMORY_KIB: Type.Integer({ default: 19_456, minimum: 1024, maximum: 1_048_576 }),
  ARGON2_TIME_COST: Type.Integer({ default: 2, minimum: 1, maximum: 10 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ default: 5, minimum: 1 }),
  LOGIN_MAX_FAILURES_PER_IP: Type.Integer({ default: 20, minimum: 1 }),
  LOGIN_LOCKOUT_WINDOW_SECONDS: Type.Integer({ default: 900, minimum: 1 }),
  REGISTRATIONS_PER_IP_PER_HOUR: Type.Integer({ default: 300, minimum: 1 }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Catalytic <no-reply@catalytic.local>', minLength: 3 }),
  JOB_TIMEOUT_SECONDS: Type.Integer({ default: 900, minimum: 1, maximum: 86_400 }),
  JOB_RETRY_LIMIT: Type.Integer({ default: 2, minimum: 0, maximum: 20 }),
  JOB_RESULT_RETENTION_HOURS: Type.Number({ default: 168, minimum: 0.001, maximum: 8760 }),
  JOB_MAINTENANCE_INTERVAL_SECONDS: Type.Integer({ default: 30, minimum: 1, maximum: 3600 }),
  QUEUE_POLL_INTERVAL_SECONDS: Type.Number({ default: 1, minimum: 0.5, maximum: 60 }),
  USAGE_FLUSH_INTERVAL_SECONDS: Type.Integer({ default: 30, minimum: 1, maximum: 3600 }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 10_000, minimum: 0, maximum: 120_000 }),
});

export type RawConfig = Static<typeof ConfigSchema>;

export interface Config extends Omit<RawConfig, 'TRUST_PROXY' | 'TESTING_MODE'> {
  TRUST_PROXY: boolean;
  TESTING_MODE: boolean;
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
  picked.TRUST_PROXY ??= 'false';
  picked.TESTING_MODE ??= 'false';
  const withDefaults = Value.Default(ConfigSchema, picked);
  const converted = Value.Convert(ConfigSchema, withDefaults) as Record<string, unknown>;
  const problems = [...Value.Errors(ConfigSchema, converted)].map((e) => {
    const name = e.path.replace(/^\//, '');
    return `${name}=${JSON.stringify(env[name] ?? '')}: ${e.message}`;
  });
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const raw = converted as RawConfig;
  const extra = raw.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  return {
    ...raw,
    TRUST_PROXY: asBool(raw.TRUST_PROXY),
    TESTING_MODE: asBool(raw.TESTING_MODE),
    corsOrigins: [...new Set([...DEFAULT_CORS_ORIGINS, ...extra])],
  };
}
