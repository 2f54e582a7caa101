import type { Database } from '../../platform/database.js';
import { generateSigningKey, signingKeyFromPem, SigningKeySet, type SigningKey } from '../auth/signing-keys.js';

/**
 * The JWT signing keys every node must share. A PEM from configuration wins;
 * otherwise the keys live in the database, created once by whichever node
 * starts first (an advisory lock stops two nodes from each making one).
 */
export async function loadSigningKeys(db: Database, pem: string | undefined): Promise<SigningKeySet> {
  if (pem) return SigningKeySet.create([signingKeyFromPem(pem.replace(/\\n/g, '\n'))]);
  const keys = await db.systemTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7231885002)');
    const { rows } = await tx.query<{
      kid: string;
      private_jwk: SigningKey['privateJwk'];
      public_jwk: SigningKey['publicJwk'];
      created_at: Date;
    }>('SELECT kid, private_jwk, public_jwk, created_at FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC');
    if (rows.length > 0) {
      return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk, publicJwk: r.public_jwk, createdAt: r.created_at.toISOString() }));
    }
    const key = generateSigningKey();
    await tx.query('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3, $4)', [
      key.kid,
      key.privateJwk,
      key.publicJwk,
      key.createdAt,
    ]);
    return [key];
  });
  return SigningKeySet.create(keys);
}
