import type { Queryable } from '../../platform/database.js';
import type { SigningKey } from './signing-keys.js';

/** The `signing_keys` table: the JWT signing keys every node shares (system scope). */

/** Holds, until the transaction ends, the lock that stops two starting nodes from each creating a key. */
export async function lockCreation(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(7231885002)');
}

/** Keys not retired, newest first. */
export async function listActive(db: Queryable): Promise<SigningKey[]> {
  const { rows } = await db.query<{
    kid: string;
    private_jwk: SigningKey['privateJwk'];
    public_jwk: SigningKey['publicJwk'];
    created_at: Date;
  }>('SELECT kid, private_jwk, public_jwk, created_at FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC');
  return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk, publicJwk: r.public_jwk, createdAt: r.created_at.toISOString() }));
}

export async function insert(db: Queryable, key: SigningKey): Promise<void> {
  await db.query('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3, $4)', [
    key.kid,
    key.privateJwk,
    key.publicJwk,
    key.createdAt,
  ]);
}
