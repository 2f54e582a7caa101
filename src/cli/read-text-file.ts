import { existsSync, readFileSync } from 'node:fs';

/** A file's text, or null when it does not exist: the reader the engine's calibration loader takes. */
export function readTextFile(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
