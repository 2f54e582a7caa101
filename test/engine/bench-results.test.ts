import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineHash } from '../../bench/engine/provenance.js';

/*
 * The committed engine figures must describe the engine as it is: the
 * results file records a hash of src/engine, and any change to the engine
 * since makes them stale.
 */

describe('bench/results/engine.json', () => {
  const results = JSON.parse(readFileSync('bench/results/engine.json', 'utf8')) as {
    provenance?: { commit: string | null; engine_hash: string };
  };

  it('names the commit it measured', () => {
    expect(results.provenance?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('measured the engine as it is now', () => {
    const current = engineHash();
    const recorded = results.provenance?.engine_hash;
    if (recorded !== current) {
      throw new Error(
        `bench/results/engine.json measured src/engine with hash ${recorded ?? '(none)'}, but src/engine now hashes to ${current}: ` +
          'the engine changed since the figures were taken. Re-run `npm run bench:engine` and commit bench/results/engine.json.',
      );
    }
  });
});
