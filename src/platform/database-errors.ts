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

/** The typed error for a driver error this module knows, else the error itself. */
export function translateDatabaseError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  const Typed = typeof code === 'string' ? BY_SQLSTATE[code] : undefined;
  return Typed ? new Typed((err as Error).message, err as { constraint?: string }) : err;
}
