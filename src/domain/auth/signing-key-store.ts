import type { Database, Queryable } from '../../platform/database.js';
import type { SecretBox } from '../../platform/secret-box.js';
import * as signingKeys from './signing-key-repository.js';
import type { StoredSigningKey } from './signing-key-repository.js';
import { type Ed25519PrivateJwk, generateSigningKey, type SigningKey, signingKeyFromPem, SigningKeySet } from './signing-keys.js';

/** The additional authenticated data of a sealed key: a sealed value copied into another row does not open. */
export const sealContext = (kid: string): string => `signing_keys:${kid}`;

/**
 * Opens a stored key's private half. A plain row (written before keys were
 * sealed) or one sealed with a previous encryption key is (re-)sealed with the
 * current key in the same transaction, so no plain private key outlives a start.
 */
async function opened(tx: Queryable, row: StoredSigningKey, secrets: SecretBox): Promise<SigningKey> {
  const { kid, publicJwk, createdAt } = row;
  let privateJwk: Ed25519PrivateJwk | undefined;
  if (row.sealedPrivateKey !== null) {
    privateJwk = JSON.parse(secrets.open(row.sealedPrivateKey, sealContext(kid))) as Ed25519PrivateJwk;
    if (secrets.needsReseal(row.sealedPrivateKey))
      await signingKeys.storeSealed(tx, kid, secrets.seal(JSON.stringify(privateJwk), sealContext(kid)));
  } else if (row.plainPrivateJwk !== null) {
    privateJwk = row.plainPrivateJwk;
    await signingKeys.storeSealed(tx, kid, secrets.seal(JSON.stringify(privateJwk), sealContext(kid)));
  }
  return { kid, publicJwk, createdAt, privateJwk };
}

/**
 * The JWT signing keys every node must share. A PEM from configuration wins;
 * otherwise the keys live in the database, their private halves sealed with
 * `secrets` (ENCRYPTION_KEY), created once by whichever node starts first (an
 * advisory lock stops two nodes from each making one).
 */
export async function loadSigningKeys(db: Database, pem: string | undefined, secrets: SecretBox): Promise<SigningKeySet> {
  if (pem) return SigningKeySet.create([signingKeyFromPem(pem.replace(/\\n/g, '\n'))]);
  const keys = await db.systemTransaction(async (tx) => {
    await signingKeys.lockCreation(tx);
    const active = await signingKeys.listActive(tx);
    if (active.length > 0) {
      const out: SigningKey[] = [];
      for (const row of active) out.push(await opened(tx, row, secrets));
      return out;
    }
    const key = generateSigningKey();
    await signingKeys.insert(tx, {
      kid: key.kid,
      publicJwk: key.publicJwk,
      createdAt: key.createdAt,
      sealedPrivateKey: secrets.seal(JSON.stringify(key.privateJwk), sealContext(key.kid)),
    });
    return [key];
  });
  return SigningKeySet.create(keys);
}
