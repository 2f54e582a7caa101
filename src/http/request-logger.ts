import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger, LogFn } from 'pino';

/**
 * The logger of one request, made only when the request logs something. Fastify
 * gives every request a child logger bound to its request id; with pino that is
 * a new object with its bindings serialised and its redaction set up, for every
 * request, although at the production level (`warn`) almost none ever writes a
 * line. This one answers a disabled level without making anything, and makes
 * the real child (the same one Fastify would have made) the first time a line
 * is written at an enabled level or a child of it is asked for.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  // On the prototype (below), so a request's logger is one small object.
  declare readonly fatal: LogFn;
  declare readonly error: LogFn;
  declare readonly warn: LogFn;
  declare readonly info: LogFn;
  declare readonly debug: LogFn;
  declare readonly trace: LogFn;
  declare readonly silent: LogFn;
  made: Logger | null = null;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): LevelWithSilentOrString {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  logger(): Logger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }

  enabled(level: Level): boolean {
    if (this.made) return this.made.isLevelEnabled(level);
    const own = this.options.level;
    if (own === undefined) return this.parent.isLevelEnabled(level);
    const values = this.parent.levels.values;
    return own !== 'silent' && values[level] >= values[own];
  }
}

for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const) {
  Object.defineProperty(LazyRequestLogger.prototype, level, {
    value: function (this: LazyRequestLogger, ...args: Parameters<LogFn>) {
      if (this.enabled(level)) this.logger()[level](...args);
    },
  });
}
Object.defineProperty(LazyRequestLogger.prototype, 'silent', { value: () => undefined });

/** Fastify's `childLoggerFactory`: the request's logger, made on first use (see LazyRequestLogger). */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyRequestLogger(logger as Logger, bindings, options);
}
