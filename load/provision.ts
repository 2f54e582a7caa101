import { randomBytes } from 'node:crypto';

export interface LoadAccount {
  email: string;
  password: string;
  access_token: string;
}

/** Simulated users per account: each tenant's traffic stays well inside the enterprise plan's per-minute limits. */
export const USERS_PER_ACCOUNT = 10;

/**
 * Registers `count` tenants on the enterprise plan through the API (a few at
 * a time), before the measured run. Each simulated user signs in to one of
 * them; several users share a tenant as a team does.
 */
export async function provisionAccounts(url: string, count: number, runId: string): Promise<LoadAccount[]> {
  const accounts: LoadAccount[] = new Array(count);
  let next = 0;
  const register = async () => {
    while (next < count) {
      const i = next++;
      const email = `load-${runId}-${i}@example.com`;
      const password = `Ld9${randomBytes(10).toString('hex')}Qx`;
      const res = await fetch(`${url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, company_name: `Load ${runId} ${i}`, plan_code: 'enterprise' }),
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await res.json()) as { access_token?: string; detail?: string };
      if (res.status !== 201 || !body.access_token) {
        throw new Error(
          `registering load account ${i} answered ${res.status}: ${body.detail ?? ''}` +
            (res.status === 429 ? ' (raise REGISTRATIONS_PER_IP_PER_HOUR on the target)' : ''),
        );
      }
      accounts[i] = { email, password, access_token: body.access_token };
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, count) }, register));
  return accounts;
}
