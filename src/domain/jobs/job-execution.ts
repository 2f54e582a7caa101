import { EngineError } from '../../engine/errors.js';
import { AppError } from '../errors.js';
import type { JobRow } from './job-repository.js';

/** Where an attempt stands in the queue's retries: the queue's own numbers, which decide whether it retries. */
export interface JobAttempt {
  /** Retries before this attempt: 0 on the first. */
  retryCount: number;
  /** Retries the queue gives the job. */
  retryLimit: number;
}

/** What an executor gets besides the job: progress, cancellation and where the attempt stands. */
export interface JobContext {
  /** Fraction done, 0..1; the runner writes it to the job row now and then. */
  progress(fraction: number): void;
  /** Aborted when the job is cancelled through the API. */
  signal: AbortSignal;
  attempt: JobAttempt;
}

/** Runs one kind of job and returns its JSON result. */
export type JobExecutor = (job: JobRow, ctx: JobContext) => Promise<unknown>;

/** Errors that would fail the same way on every attempt (bad input, a plan limit): the job fails at once. */
export function isPermanentFailure(err: unknown): err is AppError | EngineError {
  return err instanceof AppError || err instanceof EngineError;
}

/** Whether a failure ends the job: permanent, or on the last attempt the queue gives it; otherwise the queue retries. */
export function isFinalFailure(err: unknown, attempt: JobAttempt): boolean {
  return isPermanentFailure(err) || attempt.retryCount >= attempt.retryLimit;
}

/** What a failed job records: a permanent failure's own code and detail, else `internal_error` with `otherwise`. */
export function failureOf(err: unknown, otherwise: string): { code: string; detail: string } {
  if (err instanceof AppError) return { code: err.code, detail: err.detail };
  if (err instanceof EngineError) return { code: err.code, detail: err.message };
  return { code: 'internal_error', detail: otherwise };
}
