import type { KeyValueStore } from '../../platform/key-value-store.js';
import { AppError } from '../errors.js';

/**
 * Bumps the epochs (see revocation.ts) that the authenticator
 * compares with its cached principals, so a role change, deactivation,
 * revocation or plan change takes effect at once on every node. Services call
 * this inside the transaction, so a store outage rolls the change back, and
 * again after commit, so a node that reloaded between the first bump and the
 * commit drops what it cached.
 */
export async function bumpEpochs(store: KeyValueStore, keys: readonly string[]): Promise<void> {
  await propagated(Promise.all(keys.map((k) => store.incr(k))));
}

/** Turns a shared-store failure after a committed change into a retryable service_unavailable instead of an internal error. */
export async function propagated<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch {
    throw new AppError('service_unavailable', 'The change could not be propagated to every server; retry the request', {
      retryAfterSeconds: 1,
    });
  }
}
