/**
 * `npm run stack`: starts API ×2 + worker + haproxy on the local PostgreSQL
 * and an own Redis, prints where, and stops everything on Ctrl-C. For running
 * `catalytic smoke` or a browser against the real process layout by hand.
 */
import { cleanUpOnSignals, startStack } from './stack.js';

const stack = await startStack({
  env: { REGISTRATIONS_PER_IP_PER_HOUR: '100000', LOGIN_MAX_FAILURES_PER_IP: '100000' },
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
});
process.stdout.write(`${stack.components.join('\n')}\nLogs: ${stack.dir}\n\nReady at ${stack.url} (Ctrl-C stops it)\n`);
cleanUpOnSignals(() => stack.stop());
