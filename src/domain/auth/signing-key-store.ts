import type { Database } from '../../platform/database.js';
import * as signingKeys from './signing-key-repository.js';
import { generateSigningKey, signingKeyFromPem, SigningKeySet } from './signing-keys.js';

/**
 * The JWT signing keys every node must share. A PEM from configuration wins;
 * otherwise the keys live in the database, created once by whichever node
 * starts first (an advisory lock stops two nodes from each making one).
 */
export async function loadSigningKeys(db: Database, pem: string | undefined): Promise<SigningKeySet> {
  if (pem) return SigningKeySet.create([signingKeyFromPem(pem.replace(/\\n/g, '\n'))]);
  const keys = await db.systemTransaction(async (tx) => {
    await signingKeys.lockCreation(tx);
    const active = await signingKeys.listActive(tx);
    if (active.length > 0) return active;
    const key = generateSigningKey();
    await signingKeys.insert(tx, key);
    return [key];
  });
  return SigningKeySet.create(keys);
}
