/**
 * The closed sets metric labels draw from. A label value outside its set is
 * recorded as `other`: a typo or a new code path then shows up as one extra
 * series instead of one series per id, email or URL.
 *
 * Sets that mirror another layer's vocabulary (engine operation names, token
 * failure reasons, plan codes) are spelled out here because the platform layer
 * imports nothing above it; test/platform/metrics/label-sets.test.ts keeps
 * them equal to their sources where those exist at run time.
 */

/** A label whose values are listed here; anything else becomes `other`. */
export interface ClosedLabel<V extends readonly string[] = readonly string[]> {
  kind: 'closed';
  values: V;
  description: string;
}

/** A label whose values match a pattern (HTTP status codes, versions); anything else becomes `other`. */
export interface PatternLabel {
  kind: 'pattern';
  pattern: RegExp;
  description: string;
  /** Upper bound of distinct values, for the cardinality budget in docs/metrics.md. */
  bound: number;
}

/**
 * A label whose values are registered at start-up (the app's route
 * templates): bounded by the code, not by traffic. Unregistered values become
 * `other`.
 */
export interface RegisteredLabel {
  kind: 'registered';
  description: string;
  /** Values always allowed besides the registered ones. */
  values: readonly string[];
}

export type LabelSpec = ClosedLabel | PatternLabel | RegisteredLabel;

export const OTHER = 'other';

const closed = <const V extends readonly string[]>(values: V, description: string): ClosedLabel<V> => ({
  kind: 'closed',
  values,
  description,
});

export const HTTP_METHODS = closed(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], 'HTTP method');

export const HTTP_STATUS: PatternLabel = {
  kind: 'pattern',
  pattern: /^[1-5]\d\d$/,
  description: 'HTTP status code (100–599)',
  bound: 500,
};

/** Fastify's templated route (`/api/v1/lattices/:id`), never the raw URL. */
export const HTTP_ROUTE: RegisteredLabel = {
  kind: 'registered',
  description: 'templated route as registered with the app (`/api/v1/lattices/:id`); `unmatched` for 404s outside every route',
  values: ['unmatched'],
};

export const BUILD_VERSION: PatternLabel = {
  kind: 'pattern',
  pattern: /^[0-9A-Za-z.+-]{1,64}$/,
  description: 'package.json version',
  bound: 1,
};
export const BUILD_COMMIT: PatternLabel = {
  kind: 'pattern',
  pattern: /^([0-9a-f]{7,40}|unknown)$/,
  description: 'git commit the process runs (BUILD_COMMIT, else .git), `unknown` when neither says',
  bound: 1,
};
export const NODE_VERSION: PatternLabel = {
  kind: 'pattern',
  pattern: /^v\d+\.\d+\.\d+$/,
  description: 'Node.js version',
  bound: 1,
};

export const LOGIN_OUTCOMES = closed(['success', 'invalid_credentials', 'account_disabled', 'locked_out'], 'how a login attempt ended');

export const CREDENTIALS = closed(['access_token', 'refresh_token', 'api_key', 'none'], 'credential presented');

export const AUTH_FAILURE_REASONS = closed(
  [
    // TokenErrorReason of src/domain/auth/token-errors.ts
    'expired',
    'not_yet_valid',
    'invalid_signature',
    'malformed',
    'missing_claims',
    'invalid_claims',
    'wrong_type',
    'unknown_key',
    'algorithm_not_allowed',
    // beyond the signature checks
    'revoked',
    'unknown_subject',
    'account_disabled',
    'missing_credentials',
    'api_key_invalid',
    'api_key_revoked',
    'api_key_expired',
  ],
  'why the credential was refused',
);

export const LOCKOUT_SCOPES = closed(['account', 'ip'], 'which failed-login counter reached its limit');

export const REVOCATION_KINDS = closed(
  ['access_token', 'refresh_token', 'refresh_reuse', 'user_sessions', 'api_key'],
  'what was revoked (`refresh_reuse`: a reused refresh token ended every session of its user)',
);

export const API_KEY_OUTCOMES = closed(['accepted', 'rejected'], 'whether the key authenticated the request');

export const RATE_LIMIT_KINDS = closed(['requests', 'compute', 'login', 'registration'], 'which limit refused the request');

/** Plan codes seeded by migrations/001_identity.up.sql; `none` for limits that apply before a tenant is known. */
export const PLANS = closed(['free', 'starter', 'pro', 'enterprise', 'none'], 'plan of the tenant');

/** OPERATION_NAMES of src/engine/operations.ts. */
export const OPERATIONS = closed(
  [
    'path',
    'distances',
    'neighbors',
    'components',
    'centrality',
    'analyze',
    'partition',
    'spectrum',
    'diffusion',
    'random-walk',
    'transform',
  ],
  'lattice operation',
);

export const BACKENDS = closed(
  ['cpu', 'cpu-pool', 'gpu', 'cache', 'none'],
  'where it ran (`cache`: answered by the knowledge cache; `none`: refused before running)',
);

export const OPERATION_OUTCOMES = closed(
  ['success', 'client_error', 'error', 'cancelled', 'deadline_exceeded'],
  '`client_error`: bad parameters or a plan limit; `error`: our failure',
);

export const OPERATION_MODES = closed(['sync', 'job'], 'answered in the request or run as a job');

export const CACHE_RESULTS = closed(['hit', 'miss'], 'knowledge-cache lookup result');

export const ROUTED_BACKENDS = closed(['cpu', 'cpu-pool', 'gpu'], 'backend the router chose');

export const FALLBACK_REASONS = closed(
  ['no_adapter', 'no_kernel', 'too_large', 'not_calibrated', 'device_lost', 'pool_unavailable'],
  'why the GPU (or pool) asked for was not used',
);

/** OPERATION_JOB_KIND of src/domain/operations/operation-service.ts. */
export const JOB_KINDS = closed(['lattice.operation'], 'job kind');

export const JOB_STATES = closed(['queued', 'running'], 'job state');

export const JOB_FINAL_STATUSES = closed(['succeeded', 'failed', 'cancelled'], 'how the job ended');

/** The pg-boss queues (JOB_QUEUE of src/domain/jobs/job-service.ts). */
export const QUEUES = closed(['catalytic-jobs'], 'pg-boss queue');

export const WEBHOOK_DELIVERY_OUTCOMES = closed(
  ['delivered', 'retrying', 'dead', 'endpoint_disabled', 'blocked'],
  '`retrying`: the attempt failed and another is scheduled; `endpoint_disabled`: the receiver answered 410; `blocked`: the SSRF guard refused the target',
);

export const WEBHOOK_ATTEMPT_RESULTS = closed(
  ['success', 'client_error', 'server_error', 'timeout', 'network_error', 'blocked'],
  'result of one HTTP attempt',
);

/** Event types of the Webhooks section of API.md. */
export const WEBHOOK_EVENT_TYPES = closed(
  [
    'lattice.created',
    'lattice.updated',
    'lattice.deleted',
    'transformation.completed',
    'operation.completed',
    'job.completed',
    'job.failed',
    'webhook.test',
  ],
  'event type',
);

/** The methods of KeyValueStore that reach Redis. */
export const REDIS_COMMANDS = closed(['get', 'mget', 'set', 'del', 'hit', 'add', 'pttl', 'incr', 'ping'], 'store call');

/** Callbacks that fill gauges at scrape time (see Metrics.addCollector). */
export const COLLECTORS = closed(
  ['db_pool', 'usage_flush', 'knowledge_cache', 'jobs', 'job_queue', 'webhooks', 'engine_pool'],
  'scrape-time collector',
);
