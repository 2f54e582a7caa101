import { randomBytes } from 'node:crypto';

/**
 * One encryption key for secrets at rest per test file: every app and spawned
 * process of the file (two nodes, a worker, a restore) opens what another sealed.
 */
export const TEST_ENCRYPTION_KEY = randomBytes(32).toString('base64');
