import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, type webcrypto } from 'node:crypto';
import { importJWK } from 'jose';

// The project compiles without the DOM library, where WebCrypto's key type lives.
type CryptoKey = webcrypto.CryptoKey;

/**
 * The one JWS algorithm this service signs with and accepts. Ed25519 gives
 * small tokens, fast constant-time signing and no parameter choices to get
 * wrong; pinning it is what defeats `alg: none` and HS/RS confusion attacks.
 */
export const SIGNING_ALGORITHM = 'EdDSA';

/** Public half of an Ed25519 signing key, exactly as published in the JWKS. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

/** Private JWK: the public members plus the secret scalar `d`. */
export interface Ed25519PrivateJwk extends Ed25519PublicJwk {
  d: string;
}

/**
 * A signing key as stored (database row or config), plain JSON. `privateJwk`
 * is absent for a retired key that is kept only so tokens it signed still
 * verify until they expire.
 */
export interface SigningKey {
  kid: string;
  privateJwk?: Ed25519PrivateJwk;
  publicJwk: Ed25519PublicJwk;
  /** ISO-8601 UTC; the newest key that has a private half signs. */
  createdAt: string;
}

/** The JSON document served at `/.well-known/jwks.json`. */
export interface JsonWebKeySet {
  keys: Ed25519PublicJwk[];
}

/** RFC 7638 thumbprint of an Ed25519 public key: stable, so every node derives the same `kid`. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string }): string {
  // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

function fromPrivateKeyObject(privateKey: KeyObject, createdAt: Date): SigningKey & { privateJwk: Ed25519PrivateJwk } {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('A signing key must be an Ed25519 private key');
  }
  const exported = privateKey.export({ format: 'jwk' });
  const x = String(exported.x);
  const kid = jwkThumbprint({ crv: 'Ed25519', kty: 'OKP', x });
  const publicJwk: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  return { kid, privateJwk: { ...publicJwk, d: String(exported.d) }, publicJwk, createdAt: createdAt.toISOString() };
}

/** Creates a fresh Ed25519 key pair with its thumbprint as `kid`. */
export function generateSigningKey(createdAt: Date = new Date()): SigningKey & { privateJwk: Ed25519PrivateJwk } {
  return fromPrivateKeyObject(generateKeyPairSync('ed25519').privateKey, createdAt);
}

/**
 * Reads a PKCS#8 PEM Ed25519 private key (`openssl genpkey -algorithm ed25519`),
 * for deployments that hand the key in through configuration.
 */
export function signingKeyFromPem(pem: string, createdAt: Date = new Date()): SigningKey & { privateJwk: Ed25519PrivateJwk } {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (cause) {
    throw new TypeError('The signing key PEM could not be parsed as a PKCS#8 private key', { cause });
  }
  return fromPrivateKeyObject(privateKey, createdAt);
}

/** The same key without its private half, for keeping a retired key as verify-only. */
export function publicOnly(key: SigningKey): SigningKey {
  return { kid: key.kid, publicJwk: { ...key.publicJwk }, createdAt: key.createdAt };
}

function assertWellFormed(key: SigningKey): void {
  const { publicJwk, privateJwk } = key;
  if (publicJwk?.kty !== 'OKP' || publicJwk.crv !== 'Ed25519' || typeof publicJwk.x !== 'string') {
    throw new TypeError(`Signing key ${key.kid} is not an Ed25519 public key`);
  }
  if (publicJwk.kid !== key.kid) {
    throw new TypeError(`Signing key ${key.kid} carries a public JWK with another kid`);
  }
  if (Number.isNaN(Date.parse(key.createdAt))) {
    throw new TypeError(`Signing key ${key.kid} has an invalid createdAt`);
  }
  if (privateJwk === undefined) return;
  // A private half that does not match the published public half would sign
  // tokens that no verifier accepts; catch it at boot instead.
  const derived = createPublicKey(createPrivateKey({ key: { ...privateJwk }, format: 'jwk' })).export({
    format: 'jwk',
  });
  if (derived.x !== publicJwk.x) {
    throw new TypeError(`Signing key ${key.kid} has a private half that does not match its public half`);
  }
}

/** The key that signs new tokens. */
export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * An immutable set of keys, imported once into CryptoKeys so no request pays
 * for key parsing. Rotation: add a new key (it signs because it is newest),
 * keep the old one as verify-only until its tokens expire, then drop it.
 */
export class SigningKeySet {
  readonly signing: ActiveSigningKey | undefined;
  readonly #verification: ReadonlyMap<string, CryptoKey>;
  readonly #published: readonly Ed25519PublicJwk[];

  private constructor(
    signing: ActiveSigningKey | undefined,
    verification: ReadonlyMap<string, CryptoKey>,
    published: readonly Ed25519PublicJwk[],
  ) {
    this.signing = signing;
    this.#verification = verification;
    this.#published = published;
  }

  /** Validates and imports the keys; throws TypeError on a malformed or duplicate key. */
  static async create(keys: readonly SigningKey[]): Promise<SigningKeySet> {
    if (keys.length === 0) throw new TypeError('A signing key set needs at least one key');
    const newestFirst = [...keys].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const verification = new Map<string, CryptoKey>();
    let signing: ActiveSigningKey | undefined;
    for (const key of newestFirst) {
      assertWellFormed(key);
      if (verification.has(key.kid)) throw new TypeError(`Duplicate signing key ${key.kid}`);
      verification.set(key.kid, (await importJWK({ ...key.publicJwk }, SIGNING_ALGORITHM)) as CryptoKey);
      if (signing === undefined && key.privateJwk !== undefined) {
        signing = {
          kid: key.kid,
          privateKey: (await importJWK({ ...key.privateJwk }, SIGNING_ALGORITHM)) as CryptoKey,
        };
      }
    }
    const published = newestFirst.map(({ publicJwk: { kty, crv, x, kid, alg, use } }) => Object.freeze({ kty, crv, x, kid, alg, use }));
    return new SigningKeySet(signing, verification, published);
  }

  /** The public key for `kid`, or undefined when the set does not hold it. */
  verificationKey(kid: string): CryptoKey | undefined {
    return this.#verification.get(kid);
  }

  /** Key ids, newest first. */
  get kids(): string[] {
    return this.#published.map((jwk) => jwk.kid);
  }

  /** Public keys only, newest first; safe to serve to anyone. */
  jwks(): JsonWebKeySet {
    return { keys: this.#published.map((jwk) => ({ ...jwk })) };
  }
}
