import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

// ARCHITECTURE.md: http → domain → engine and platform; worker → domain →
// engine and platform; engine imports nothing of ours. The composition root
// (src/runtime.ts) and the CLI sit above everything.
const MAY_IMPORT: Record<string, string[]> = {
  engine: ['engine'],
  platform: ['platform'],
  domain: ['domain', 'engine', 'platform'],
  http: ['http', 'domain', 'engine', 'platform'],
  worker: ['worker', 'domain', 'engine', 'platform'],
  cli: ['cli', 'http', 'worker', 'domain', 'engine', 'platform', 'runtime.ts'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function layerOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0];
}

describe('import layering', () => {
  it('every import in src points down the layer order', () => {
    const violations: string[] = [];
    for (const file of files(SRC)) {
      const layer = layerOf(file);
      const allowed = MAY_IMPORT[layer];
      if (!allowed) continue;
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(file), m[1]);
        if (!target.startsWith(SRC)) continue;
        const targetLayer = layerOf(target).replace(/\.js$/, '.ts');
        if (!allowed.includes(targetLayer)) violations.push(`${path.relative(SRC, file)} imports ${m[1]} (${layer} → ${targetLayer})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the engine uses no I/O modules', () => {
    const forbidden = /from\s+['"](node:)?(fs|net|http|https|child_process|pg|ioredis|fastify)(\/[^'"]*)?['"]/;
    const offenders = files(path.join(SRC, 'engine')).filter((f) => forbidden.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
