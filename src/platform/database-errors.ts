/*
 * PostgreSQL failures the domain has rules for, as typed errors. The database
 * module raises these in place of the driver's error, so no service reads a
 * SQLSTATE code; every other failure passes through unchanged.
 */

/** A base for the failures below: names the constraint PostgreSQL reported, keeps the driver's error as the cause. */
export class ConstraintViolation extends Error {
  readonly constraint: string | undefined;

  constructor(message: string, cause: { constraint?: string }) {
    super(message, { cause });
    this.name = new.target.name;
    this.constraint = cause.constraint;
  }
}

/** A row would repeat a value a unique index allows once (SQLSTATE 23505). */
export class UniqueViolation extends ConstraintViolation {}

/** A row points at a row that does not exist (any more), or is still pointed at (SQLSTATE 23503). */
export class ForeignKeyViolation extends ConstraintViolation {}

const BY_SQLSTATE: Record<string, new (message: string, cause: { constraint?: string }) => ConstraintViolation> = {
  '23505': UniqueViolation,
  '23503': ForeignKeyViolation,
};

/**
 * A value PostgreSQL cannot take as its type: any data exception (SQLSTATE
 * class 22: a NUL in text 22021, an unsupported Unicode escape in jsonb 22P05,
 * invalid input syntax 22P02, a number out of range 22003, ...), or a value
 * past the server's limits (54000 program_limit_exceeded, 54001 a jsonb
 * nested too deep). What was sent is at fault, not the service.
 */
export class InvalidValue extends Error {
  readonly sqlState: string;

  constructor(message: string, cause: { code: string }) {
    super(message, { cause });
    this.name = 'InvalidValue';
    this.sqlState = cause.code;
  }
}

const isInvalidValue = (code: string): boolean => code.startsWith('22') || code === '54000' || code === '54001';

/**
 * PostgreSQL could not be reached or is going away: shutting down, restarting,
 * refusing connections, a connection lost mid-query, or no connection free in
 * time. Retryable: requests answer 503 with Retry-After, and the pool
 * reconnects by itself when the server is back.
 */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The database is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DatabaseUnavailable';
  }
}

// Class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now), 53300 (too many connections).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// The driver's own words for a lost connection or an exhausted pool (they carry no code).
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Client was closed/;

function unavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code);
  return err instanceof Error && UNAVAILABLE_MESSAGE.test(err.message);
}

/** The typed error for a driver error this module knows, else the error itself. */
export function translateDatabaseError(err: unknown): unknown {
  if (unavailable(err)) return new DatabaseUnavailable(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  const Typed = BY_SQLSTATE[code];
  if (Typed) return new Typed((err as Error).message, err as { constraint?: string });
  return isInvalidValue(code) ? new InvalidValue((err as Error).message, { code }) : err;
}
