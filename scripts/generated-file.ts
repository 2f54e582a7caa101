// Generated files are written already formatted by prettier with the
// project's settings, so `npm run lint` and the drift tests agree on them.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import prettier from 'prettier';

export async function formatted(text: string, file: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** The committed file's text, or null when it does not exist. */
export async function committed(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

export async function writeGenerated(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await formatted(text, file));
}
