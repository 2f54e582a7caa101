import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withRecoveryBlock, type DeployResults } from '../../bench/deploy/report.js';

describe('docs/deploy.md', () => {
  it('prints the recovery figures bench/results/deploy.json holds (run `npm run bench:deploy`)', async () => {
    const doc = await readFile(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    const results = JSON.parse(await readFile(new URL('../../bench/results/deploy.json', import.meta.url), 'utf8')) as DeployResults;
    expect(doc).toBe(withRecoveryBlock(doc, results));
    expect(doc).toMatch(/Recovery time objective.*\*\*\d+\.\d s\*\*/);
  });

  it('creates every secret key the Kubernetes manifests require, in its kubectl example', async () => {
    const doc = await readFile(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    const command = /kubectl -n catalytic create secret generic catalytic-secrets((?:.*\\\n)*.*)/.exec(doc)![1];
    const created = new Set([...command.matchAll(/--from-literal=(\w+)=/g)].map((m) => m[1]));
    const k8s = new URL('../../deploy/k8s/', import.meta.url);
    const required = new Set<string>();
    for (const file of await readdir(k8s)) {
      const text = await readFile(new URL(file, k8s), 'utf8');
      // A secretKeyRef block: name, key and (when it may be absent) optional: true.
      for (const m of text.matchAll(/secretKeyRef:\s*\n\s*name: catalytic-secrets\s*\n\s*key: (\w+)(\s*\n\s*optional: true)?/g))
        if (!m[2]) required.add(m[1]);
    }
    expect(required.size).toBeGreaterThan(0);
    for (const key of required) expect(created, key).toContain(key);
  });
});
