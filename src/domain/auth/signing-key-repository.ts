import type { Queryable } from '../../platform/database.js';
import type { Ed25519PrivateJwk, SigningKey } from './signing-keys.js';

/** The `signing_keys` table: the JWT signing keys every node shares (system scope). */

/** A stored key: its private half sealed (or, in a row an older version wrote, still plain). */
export interface StoredSigningKey extends Omit<SigningKey, 'privateJwk'> {
  sealedPrivateKey: string | null;
  /** Only in rows written before private keys were sealed at rest; sealed and cleared on start. */
  plainPrivateJwk: Ed25519PrivateJwk | null;
}

/** Holds, until the transaction ends, the lock that stops two starting nodes from each creating a key. */
export async function lockCreation(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(7231885002)');
}

/** Keys not retired, newest first. */
export async function listActive(db: Queryable): Promise<StoredSigningKey[]> {
  const { rows } = await db.query<{
    kid: string;
    private_jwk: Ed25519PrivateJwk | null;
    private_key_sealed: string | null;
    public_jwk: SigningKey['publicJwk'];
    created_at: Date;
  }>(
    `SELECT kid, private_jwk, private_key_sealed, public_jwk, created_at FROM signing_keys
     WHERE retired_at IS NULL ORDER BY created_at DESC`,
  );
  return rows.map((r) => ({
    kid: r.kid,
    sealedPrivateKey: r.private_key_sealed,
    plainPrivateJwk: r.private_jwk,
    publicJwk: r.public_jwk,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function insert(db: Queryable, key: Omit<StoredSigningKey, 'plainPrivateJwk'>): Promise<void> {
  await db.query('INSERT INTO signing_keys (kid, private_key_sealed, public_jwk, created_at) VALUES ($1, $2, $3, $4)', [
    key.kid,
    key.sealedPrivateKey,
    key.publicJwk,
    key.createdAt,
  ]);
}

/** Replaces the key's private half with `sealed` (a plain row sealed, or a re-seal under a new encryption key). */
export async function storeSealed(db: Queryable, kid: string, sealed: string): Promise<void> {
  await db.query('UPDATE signing_keys SET private_key_sealed = $2, private_jwk = NULL WHERE kid = $1', [kid, sealed]);
}
