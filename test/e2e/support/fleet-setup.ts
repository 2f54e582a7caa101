import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../../scripts/stack/database.js';
import { Fleet } from '../../../scripts/stack/fleet.js';
import { type OwnRedis, startRedisServer } from '../../../scripts/stack/redis-server.js';
import { FLEET_ENV } from './fleet-env.js';

export interface FleetInfo {
  /** The fleet's folder: its state file (`fleet.json`), logs and DATA_DIR. */
  dir: string;
  apis: string[];
  /** The dev mailbox every process of the fleet writes (no SMTP_URL is set). */
  mailbox: string;
  redisUrl: string;
  /** The variables an operator's `catalytic` command needs to act on the fleet (Fleet.operatorEnv). */
  operatorEnv: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    fleet: FleetInfo;
  }
}

/**
 * One fleet for every journey of a run: `catalytic api` ×2 and `catalytic
 * worker` on a clone of the suite's migrated template and on Redis (REDIS_URL,
 * or a redis-server of its own in the embedded pass). Journeys reach it only
 * over HTTP and through the mailbox file.
 */
export default async function setup(project: TestProject) {
  const { adminDatabaseUrl, templateDatabase } = project.getProvidedContext();
  // Named like the suite's clones, so the global teardown finds it if this one is interrupted.
  const owner = templateDatabase.split('_')[2];
  const database = await createDatabase(adminDatabaseUrl, `catalytic_t_${owner}_fleet_${randomBytes(4).toString('hex')}`, templateDatabase);
  let redis: OwnRedis | undefined;
  let fleet: Fleet | undefined;
  const dir = await mkdtemp(path.join(tmpdir(), 'catalytic-e2e-'));
  try {
    redis = process.env.REDIS_URL ? undefined : await startRedisServer();
    const redisUrl = process.env.REDIS_URL ?? redis!.url;
    fleet = await Fleet.start({ databaseUrl: database.url, redisUrl, dir, apis: 2, workers: 1, env: FLEET_ENV });
    const state = fleet.state();
    project.provide('fleet', { dir, apis: state.apis, mailbox: state.mailbox, redisUrl, operatorEnv: fleet.operatorEnv() });
  } catch (err) {
    await fleet?.stop();
    await redis?.stop();
    await database.drop();
    throw err;
  }
  return async () => {
    await fleet?.stop();
    await redis?.stop();
    await database.drop();
    if (!process.env.E2E_KEEP_FLEET_DIR) await rm(dir, { recursive: true, force: true });
  };
}
