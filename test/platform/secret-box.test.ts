import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';
import { KEY_FILE_NAME, loadSecretBox } from '../../src/platform/encryption-keys.js';
import { keyId, SecretBox, SecretBoxError } from '../../src/platform/secret-box.js';

const key = () => randomBytes(32);

describe('SecretBox', () => {
  it('opens what it sealed, and the sealed text holds no plaintext', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('whsec_very-secret-value', 'webhooks:1');
    expect(sealed).not.toContain('very-secret');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(box.open(sealed, 'webhooks:1')).toBe('whsec_very-secret-value');
  });

  it('uses a fresh nonce: the same secret seals differently each time', () => {
    const box = new SecretBox(key());
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a value sealed for another context (rows cannot swap secrets)', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('secret', 'signing_keys:a');
    expect(() => box.open(sealed, 'signing_keys:b')).toThrow(SecretBoxError);
  });

  it('refuses tampered ciphertext, a truncated tag and values that were never sealed', () => {
    const box = new SecretBox(key());
    const parts = box.seal('secret').split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.'))).toThrow(/authentication/);
    expect(() => box.open([...parts.slice(0, 4), parts[4].slice(0, 4)].join('.'))).toThrow(/truncated/);
    expect(() => box.open('plain text')).toThrow(/not a sealed value/);
  });

  it('rotates: a previous key still opens old values, which are marked for re-sealing', () => {
    const oldKey = key();
    const sealed = new SecretBox(oldKey).seal('kept across rotation');
    const rotated = new SecretBox(key(), [oldKey]);
    expect(rotated.open(sealed)).toBe('kept across rotation');
    expect(rotated.needsReseal(sealed)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('new'))).toBe(false);
    expect(() => new SecretBox(key()).open(sealed)).toThrow(new RegExp(`unknown key ${keyId(oldKey)}`));
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretBox', () => {
  it('generates one key file with mode 0600 and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalytic-keys-'));
    const config = { DATA_DIR: dir, ENCRYPTION_KEYS_PREVIOUS: '' };
    const sealed = loadSecretBox(config).seal('x');
    const file = path.join(dir, KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(loadSecretBox(config).open(sealed)).toBe('x');
  });

  it('prefers ENCRYPTION_KEY and opens with ENCRYPTION_KEYS_PREVIOUS', () => {
    const [a, b] = [key(), key()];
    const sealed = loadSecretBox({ DATA_DIR: '/nonexistent', ENCRYPTION_KEY: a.toString('base64'), ENCRYPTION_KEYS_PREVIOUS: '' }).seal(
      'y',
    );
    const box = loadSecretBox({
      DATA_DIR: '/nonexistent',
      ENCRYPTION_KEY: b.toString('base64'),
      ENCRYPTION_KEYS_PREVIOUS: a.toString('base64'),
    });
    expect(box.currentKeyId).toBe(keyId(b));
    expect(box.open(sealed)).toBe('y');
  });
});

describe('encryption configuration', () => {
  it('refuses an ENCRYPTION_KEY that is not base64 of 32 bytes, naming the variable', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(ConfigError);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'not-a-key' })).toThrow(/ENCRYPTION_KEY/);
    expect(() => loadConfig({ ENCRYPTION_KEYS_PREVIOUS: 'short' })).toThrow(/ENCRYPTION_KEYS_PREVIOUS/);
  });

  it('requires ENCRYPTION_KEY in production with an external database, where nodes must share it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(/ENCRYPTION_KEY/);
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', ENCRYPTION_KEY: key().toString('base64') }).ENCRYPTION_KEY,
    ).toBeDefined();
    expect(loadConfig({ NODE_ENV: 'production' }).ENCRYPTION_KEY).toBeUndefined();
  });
});
