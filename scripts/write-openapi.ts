// Writes docs/api/openapi.yaml from the route schemas: `npm run openapi`.
// The app is built without touching a database: a throwaway signing key is
// supplied, and the pool connects lazily, so nothing here needs PostgreSQL.
import { writeFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { stringify } from 'yaml';
import { buildApp } from '../src/http/app.js';
import { loadConfig } from '../src/platform/config.js';
import { createRuntime } from '../src/runtime.js';

export async function generateOpenApi(): Promise<string> {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', JWT_PRIVATE_KEY: pem });
  const runtime = await createRuntime({ config, databaseUrl: config.DATABASE_URL as string });
  const app = await buildApp(runtime.appDeps());
  await app.ready();
  const yaml = stringify(app.swagger(), { lineWidth: 0, aliasDuplicateObjects: false });
  await app.close();
  await runtime.close();
  return yaml;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(new URL('../docs/api/openapi.yaml', import.meta.url), await generateOpenApi());
  process.stdout.write('wrote docs/api/openapi.yaml\n');
}
