import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../../scripts/stack/catalytic-process.js';
import { suiteLines, type SuiteRun } from '../../scripts/readiness/test-checks.js';

/*
 * The readiness report's suite lines come from vitest's JSON results; a
 * failed pass must say which test failed and why, so nobody has to rerun a
 * ten-minute pass to learn it.
 */

const pass = { name: 'against PostgreSQL and Redis', command: 'npx vitest run', env: {} };
const result = { code: 1, output: '', seconds: 12.5, at: '2026-12-03T08:00:00.000Z' };
const file = (name: string, status: string, assertions: { title: string; status: string; failureMessages?: string[] }[]) => ({
  name: path.join(REPOSITORY_ROOT, name),
  status,
  startTime: 0,
  endTime: 1,
  assertionResults: assertions.map((a) => ({ ancestorTitles: ['suite'], ...a })),
});

describe('readiness suite lines', () => {
  it('name each failed file with its failed test and the first line of the failure', () => {
    const run: SuiteRun = {
      pass,
      result,
      json: {
        numTotalTests: 3,
        numPassedTests: 1,
        numFailedTests: 2,
        numPendingTests: 0,
        testResults: [
          file('test/a.test.ts', 'passed', [{ title: 'works', status: 'passed' }]),
          file('test/fuzz/api-fuzz.test.ts', 'failed', [
            {
              title: 'answers generated requests (seed 42)',
              status: 'failed',
              failureMessages: ['\nAssertionError: seed 42: 1 failures\n    at stack'],
            },
          ]),
          { ...file('test/b.test.ts', 'failed', []), message: 'Hook timed out in 120000ms.' },
        ],
      },
    };
    const [line] = suiteLines([run]);
    expect(line.status).toBe('fail');
    expect(line.result).toBe(
      '1/3 tests passed in 3 files; failed: test/fuzz/api-fuzz.test.ts › answers generated requests (seed 42): AssertionError: seed 42: 1 failures; test/b.test.ts: Hook timed out in 120000ms.',
    );
  });

  it('pass with the counts alone when nothing failed', () => {
    const run: SuiteRun = {
      pass,
      result: { ...result, code: 0 },
      json: {
        numTotalTests: 1,
        numPassedTests: 1,
        numFailedTests: 0,
        numPendingTests: 0,
        testResults: [file('test/a.test.ts', 'passed', [])],
      },
    };
    expect(suiteLines([run])[0]).toMatchObject({ status: 'pass', result: '1/1 tests passed in 1 files' });
  });
});
