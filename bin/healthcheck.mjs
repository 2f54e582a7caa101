#!/usr/bin/env node
// Container health probe without curl in the image. Two modes:
//   healthcheck.mjs                 GET /health/live on this container's API port (HTTPS when TLS_CERT_FILE is set)
//   healthcheck.mjs --heartbeat F   the worker's heartbeat file F changed within the last --max-age seconds (default 30)
// Exit 0 healthy, 1 not.
import { statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const LIVENESS_PATH = '/health/live';

const args = process.argv.slice(2);
const at = args.indexOf('--heartbeat');
if (at >= 0) {
  const file = args[at + 1];
  const ageAt = args.indexOf('--max-age');
  const maxAgeSeconds = ageAt >= 0 ? Number(args[ageAt + 1]) : 30;
  try {
    const ageSeconds = (Date.now() - statSync(file).mtimeMs) / 1000;
    process.exit(ageSeconds <= maxAgeSeconds ? 0 : 1);
  } catch {
    process.exit(1);
  }
} else {
  const tls = Boolean(process.env.TLS_CERT_FILE);
  // Loopback to this very process: its own certificate need not name 127.0.0.1.
  const req = (tls ? https : http).get(
    { host: '127.0.0.1', port: Number(process.env.PORT || 8000), path: LIVENESS_PATH, timeout: 4000, rejectUnauthorized: false },
    (res) => process.exit(res.statusCode === 200 ? 0 : 1),
  );
  req.on('timeout', () => req.destroy());
  req.on('error', () => process.exit(1));
}
