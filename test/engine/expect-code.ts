import { expect } from 'vitest';
import { EngineError, type EngineErrorCode } from '../../src/engine/errors.js';

/** Asserts that fn throws an EngineError with this code. */
export function expectCode(fn: () => unknown, code: EngineErrorCode): void {
  let thrown: unknown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(EngineError);
  expect((thrown as EngineError).code).toBe(code);
}
