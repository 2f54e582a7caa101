import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { routerFromCalibration } from '../engine/calibration-file.js';
import { readTextFile } from './read-text-file.js';
import { buildApp } from '../http/app.js';
import { serve } from '../http/server.js';
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { resolveDatabase } from '../platform/database-url.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { startMetricsServer } from '../platform/metrics/metrics-server.js';
import { migrateDown, migrateUp } from '../platform/migrations.js';
import { startHeartbeat } from '../platform/heartbeat.js';
import { loadTlsMaterial } from '../platform/tls-certificate.js';
import { createRuntime } from '../runtime.js';
import { startWorker } from '../worker/worker.js';

const USAGE = `Usage: catalytic <command>

  serve                 API and worker in one process (port 8000 by default)
  api                   HTTP API only
  worker                background worker only (outbox: mail and webhooks; jobs; /metrics on METRICS_HOST:METRICS_PORT)
  migrate [up|down N]   apply pending migrations, or revert the newest N
  backup --out FILE     write the database to FILE (pg_dump custom format)
  restore FILE [--clean]  load a backup into an empty database (or replace with --clean)
  lattice <op> ...      run a lattice operation locally and print JSON (catalytic lattice --help)
  bench calibrate       measure the engine's cost-model constants
  smoke --url URL       check a running instance end to end in under 30 s (catalytic smoke --help)
  admin grant|revoke EMAIL [--tenant SLUG]
                        make an account a platform administrator, or take it back
  webhooks listen --port N [--secret S]
                        a local receiver that prints each webhook delivery and checks its signature

Configuration comes from the environment and .env; see README.md.`;

/** Under DATA_DIR; container probes of a worker check its age (bin/healthcheck.mjs --heartbeat). */
export const WORKER_HEARTBEAT_FILE = 'worker.heartbeat';

async function migrated(config: Config, logger: Logger) {
  const database = await resolveDatabase(config, logger);
  const applied = await migrateUp(database.url);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  return database;
}

async function runService(config: Config, logger: Logger, parts: { api: boolean; worker: boolean }): Promise<void> {
  const database = await migrated(config, logger);
  const calibration = routerFromCalibration(readTextFile, path.join(config.DATA_DIR, 'calibration.json'));
  logger.info({ source: calibration.source }, 'engine cost model loaded');
  const runtime = await createRuntime({ config, databaseUrl: database.url, logger, router: calibration.router });
  await runtime.queue.start();
  const worker = parts.worker
    ? await startWorker({
        db: runtime.db,
        mail: runtime.mail,
        logger,
        jobs: runtime.jobRunner,
        mailOutbox: runtime.services.mailOutbox,
        webhooks: runtime.webhookDispatcher,
      })
    : null;
  const closeAll = async () => {
    await worker?.stop();
    await runtime.close();
    await database.stop();
  };
  if (!parts.api) {
    // Without the API's port, the worker serves /metrics on its own (loopback by default).
    const metricsServer = await startMetricsServer(runtime.metrics, config.METRICS_HOST, config.METRICS_PORT);
    runtime.lifecycle.markStarted();
    const heartbeat = startHeartbeat(path.join(config.DATA_DIR, WORKER_HEARTBEAT_FILE));
    logger.info({ metrics: `http://${config.METRICS_HOST}:${metricsServer.port}/metrics` }, 'worker running');
    const stop = async () => {
      heartbeat.stop();
      runtime.lifecycle.markDraining();
      await metricsServer.close();
      await closeAll();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  const tlsFiles = config.TLS_CERT_FILE && config.TLS_KEY_FILE ? { certFile: config.TLS_CERT_FILE, keyFile: config.TLS_KEY_FILE } : null;
  const material = tlsFiles ? loadTlsMaterial(tlsFiles) : null;
  const app = await buildApp(runtime.appDeps(), material ?? undefined);
  await serve(app, {
    host: config.HOST,
    port: config.PORT,
    graceMs: config.SHUTDOWN_GRACE_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    tls:
      tlsFiles && material
        ? {
            files: tlsFiles,
            material,
            onCertificate: (m) => {
              runtime.metrics.tlsCertificateExpiry.set({}, m.expiresAt.getTime() / 1000);
            },
          }
        : undefined,
    lifecycle: runtime.lifecycle,
    logger,
    onClose: closeAll,
  });
}

async function runMigrate(config: Config, logger: Logger, args: string[]): Promise<void> {
  const database = await resolveDatabase(config, logger);
  try {
    if (args[0] === 'down') {
      const steps = Number(args[1] ?? 1);
      if (!Number.isInteger(steps) || steps < 1) throw new Error('migrate down takes a positive number of steps');
      logger.info({ reverted: await migrateDown(database.url, steps) }, 'migrations reverted');
    } else {
      logger.info({ applied: await migrateUp(database.url) }, 'migrations applied');
    }
  } finally {
    await database.stop();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'lattice') {
    const { runLatticeCommand } = await import('./lattice-command.js');
    return runLatticeCommand(rest);
  }
  if (command === 'bench' && rest[0] === 'calibrate') {
    const { runCalibrateCommand } = await import('./bench-command.js');
    return runCalibrateCommand(rest.slice(1));
  }
  if (command === 'smoke') {
    const { runSmokeCommand } = await import('./smoke-command.js');
    return runSmokeCommand(rest);
  }
  if (command === 'webhooks') {
    const { runWebhooksCommand } = await import('./webhooks-listen-command.js');
    return runWebhooksCommand(rest);
  }
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`catalytic: ${err.message}\n`);
      return 78;
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  switch (command) {
    case 'serve':
      await runService(config, logger, { api: true, worker: true });
      return -1;
    case 'api':
      await runService(config, logger, { api: true, worker: false });
      return -1;
    case 'worker':
      await runService(config, logger, { api: false, worker: true });
      return -1;
    case 'migrate':
      await runMigrate(config, logger, rest);
      return 0;
    case 'admin': {
      const { runAdminCommand } = await import('./admin-command.js');
      return runAdminCommand(config, logger, rest);
    }
    case 'backup':
    case 'restore': {
      const { runBackupCommand, runRestoreCommand } = await import('./backup-command.js');
      return command === 'backup' ? runBackupCommand(config, logger, rest) : runRestoreCommand(config, logger, rest);
    }
    default:
      process.stderr.write(`catalytic: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}
