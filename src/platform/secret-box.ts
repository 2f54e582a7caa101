import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption of secrets at rest (JWT private keys, webhook
 * secrets, pending mail tokens): AES-256-GCM with a fresh 96-bit nonce per
 * value. Every sealed value names the key that sealed it, so keys can rotate:
 * new values use the current key, old ones still open with a previous key
 * until they are re-sealed.
 *
 * The optional `context` is bound as additional authenticated data: a value
 * sealed for one row (say `signing_keys:<kid>`) does not open when copied
 * into another, so a database writer cannot swap secrets between rows.
 */

const VERSION = 'v1';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a sealed value cannot be opened: wrong key, tampered bytes, wrong context or not sealed at all. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** A key's public name: the first 8 hex digits of the SHA-256 of its bytes (reveals nothing usable). */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export class SecretBox {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  /** `current` seals; `previous` keys only open values sealed before a rotation. */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new SecretBoxError(`an encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    this.currentKeyId = keyId(current);
    this.keys.set(this.currentKeyId, current);
    for (const key of previous) if (!this.keys.has(keyId(key))) this.keys.set(keyId(key), key);
  }

  /** `v1.<key id>.<nonce>.<ciphertext>.<tag>`, base64url parts: printable, fits a text column. */
  seal(plaintext: string | Buffer, context = ''): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId) as Buffer, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return [
      VERSION,
      this.currentKeyId,
      nonce.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  openBuffer(sealed: string, context = ''): Buffer {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed value');
    const [, kid, nonce, body, tag] = parts;
    const key = this.keys.get(kid);
    if (!key) throw new SecretBoxError(`sealed with an unknown key ${kid}; configure it in ENCRYPTION_KEYS_PREVIOUS`);
    const tagBytes = Buffer.from(tag, 'base64url');
    if (tagBytes.length !== TAG_BYTES) throw new SecretBoxError('sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    } catch {
      throw new SecretBoxError('sealed value failed authentication (tampered, or sealed for another context)');
    }
  }

  open(sealed: string, context = ''): string {
    return this.openBuffer(sealed, context).toString('utf8');
  }

  /** True when `sealed` was sealed with a key other than the current one and should be re-sealed. */
  needsReseal(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentKeyId;
  }

  static isSealed(value: string): boolean {
    return /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/.test(value);
  }
}
