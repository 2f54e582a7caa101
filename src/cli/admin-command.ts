import type { Config } from '../platform/config.js';
import { resolveDatabase } from '../platform/database-url.js';
import type { Logger } from '../platform/logger.js';
import { migrateUp } from '../platform/migrations.js';
import { AppError } from '../domain/errors.js';
import { createRuntime } from '../runtime.js';

export const ADMIN_USAGE = `Usage: catalytic admin grant EMAIL [--tenant SLUG]
       catalytic admin revoke EMAIL [--tenant SLUG]

grant   makes the active account with this address a platform administrator
        (the /api/v1/admin routes: list tenants, suspend, reactivate, change plans)
revoke  takes the grant back
--tenant names the account's tenant when the address has accounts in several.
With REDIS_URL the change reaches every API node at once; without it (one
embedded node) within a minute.`;

function usageError(message: string): number {
  process.stderr.write(`catalytic: ${message}\n\n${ADMIN_USAGE}\n`);
  return 2;
}

/** `catalytic admin grant|revoke EMAIL [--tenant SLUG]`: prints the account as JSON; exit 1 with the reason when refused. */
export async function runAdminCommand(config: Config, logger: Logger, args: string[]): Promise<number> {
  const [action, email, ...rest] = args;
  if (action === '--help' || action === '-h' || action === 'help') {
    process.stdout.write(`${ADMIN_USAGE}\n`);
    return 0;
  }
  if (action !== 'grant' && action !== 'revoke') return usageError('admin takes grant or revoke');
  if (!email || email.startsWith('-') || !email.includes('@')) return usageError(`admin ${action} needs an EMAIL`);
  let tenantSlug: string | undefined;
  if (rest.length > 0) {
    if (rest.length !== 2 || rest[0] !== '--tenant' || !rest[1]) return usageError('the only option is --tenant SLUG');
    tenantSlug = rest[1];
  }
  const database = await resolveDatabase(config, logger, { reuseRunningEmbedded: true });
  try {
    await migrateUp(database.url);
    const runtime = await createRuntime({ config, databaseUrl: database.url, logger });
    try {
      const admins = runtime.services.platformAdmin;
      const account = action === 'grant' ? await admins.grant(email, tenantSlug) : await admins.revoke(email, tenantSlug);
      logger.info({ account, action }, `platform administrator ${action === 'grant' ? 'granted' : 'revoked'}`);
      process.stdout.write(`${JSON.stringify({ action, ...account })}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    process.stderr.write(`catalytic: admin ${action} refused: ${err.detail}\n`);
    return 1;
  } finally {
    await database.stop();
  }
}
