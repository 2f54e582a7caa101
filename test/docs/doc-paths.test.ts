import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The README and docs name files in backticks as the place to look
 * (`src/engine/engine.ts`); a file that was moved or deleted leaves the
 * reader at a dead end. Every such path must exist, except those a command
 * creates, listed here with the command.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOP_FOLDERS = ['src', 'test', 'bench', 'scripts', 'load', 'deploy', 'monitoring', 'docs', 'console', 'bin', 'migrations'];
const REPO_PATH = new RegExp(`\`((?:${TOP_FOLDERS.join('|')})/[\\w./-]+)\``, 'g');

const CREATED_BY_A_COMMAND: Record<string, string> = {
  'console/dist': 'npm ci (prepare) or npm run build:console',
  'deploy/.env': 'the operator, from deploy/.env.example',
};

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const rel = path.join(dir, e.name);
      // Generated reports quote paths of the run that wrote them (temporary folders included).
      if (e.isDirectory()) return rel === 'docs/reports' ? [] : markdownFiles(rel);
      return e.name.endsWith('.md') ? [rel] : [];
    }),
  );
  return nested.flat();
}

describe('paths named in the README and docs', () => {
  it('exist in the repository, unless a named command creates them', async () => {
    const files = ['README.md', ...(await markdownFiles('docs'))];
    const named: string[] = [];
    const missing: string[] = [];
    for (const file of files) {
      for (const [, p] of (await readFile(path.join(ROOT, file), 'utf8')).matchAll(REPO_PATH)) {
        // Patterns and placeholders (`docs/runbooks/<alert>.md`, `test/**`) name no single file.
        if (/[*{<]/.test(p)) continue;
        named.push(p);
        const clean = p.replace(/[./]+$/, '');
        if (!existsSync(path.join(ROOT, clean)) && !(clean in CREATED_BY_A_COMMAND)) missing.push(`${file}: ${p}`);
      }
    }
    expect(named.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
