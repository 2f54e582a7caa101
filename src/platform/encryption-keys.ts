import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { SecretBox } from './secret-box.js';

export const KEY_FILE_NAME = 'encryption.key';

const decode = (b64: string): Buffer => Buffer.from(b64.trim(), 'base64');

/**
 * The key file of a single machine's install: created once with mode 0600
 * (an exclusive create, so two processes starting together agree on one key),
 * then read. It holds the base64 key and nothing else.
 */
function keyFromFile(dataDir: string, logger?: Logger): Buffer {
  const file = path.resolve(dataDir, KEY_FILE_NAME);
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    logger?.warn({ file }, 'ENCRYPTION_KEY is not set: generated a key for secrets at rest into this file; back it up with the database');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // A key readable by others is no secret: tighten it rather than trust it silently.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = decode(readFileSync(file, 'utf8'));
  if (key.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
  return key;
}

/** The process's SecretBox: ENCRYPTION_KEY when set, else the generated key file under DATA_DIR. */
export function loadSecretBox(
  config: Pick<Config, 'ENCRYPTION_KEY' | 'ENCRYPTION_KEYS_PREVIOUS' | 'DATA_DIR'>,
  logger?: Logger,
): SecretBox {
  const current = config.ENCRYPTION_KEY ? decode(config.ENCRYPTION_KEY) : keyFromFile(config.DATA_DIR, logger);
  const previous = config.ENCRYPTION_KEYS_PREVIOUS.split(',')
    .filter((k) => k.trim() !== '')
    .map(decode);
  return new SecretBox(current, previous);
}
