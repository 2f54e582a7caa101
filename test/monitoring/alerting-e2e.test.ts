import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEST } from '../../scripts/monitoring/rule-profile.js';
import { alertRulesYaml, recordingRulesYaml } from '../../scripts/monitoring/rule-files.js';
import { spawnCatalytic, type CatalyticProcess } from '../support/catalytic-process.js';
import { freePort } from '../support/free-port.js';
import {
  eventually,
  startAlertmanager,
  startPrometheus,
  startWebhookReceiver,
  type Prometheus,
  type Spawned,
} from '../support/monitoring-stack.js';
import { createTestDatabase } from '../support/test-database.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

/** monitoring/alertmanager.yml with the receivers pointed at the test and the waits shortened. */
async function testAlertmanagerConfig(receiverUrl: string) {
  const config = parse(await readFile('monitoring/alertmanager.yml', 'utf8'));
  for (const r of config.receivers) for (const w of r.webhook_configs) w.url = `${receiverUrl}/${r.name}`;
  const quick = { group_wait: '1s', group_interval: '1s', repeat_interval: '1h' };
  Object.assign(config.route, quick);
  for (const route of config.route.routes) Object.assign(route, quick);
  return config;
}

describe('availability alert, end to end', () => {
  it(
    '5xx from /api/testing/error fire the SLO page in Prometheus, and it reaches the page webhook through Alertmanager; the ticket of the same alert is inhibited',
    { timeout: 180_000 },
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'catalytic-alerting-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      const database = await createTestDatabase();
      cleanup.push(() => database.drop());

      const port = await freePort();
      const env: Record<string, string> = {
        DATABASE_URL: database.url,
        DATABASE_POOL_MAX: '3',
        HOST: '127.0.0.1',
        PORT: String(port),
        TESTING_MODE: 'true',
        DATA_DIR: path.join(dir, 'data'),
      };
      if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
      const api: CatalyticProcess = spawnCatalytic('api', env, dir);
      cleanup.push(() => api.stop(2000));

      const receiver = await startWebhookReceiver();
      cleanup.push(() => receiver.close());
      const am: Spawned = await startAlertmanager(dir, await testAlertmanagerConfig(receiver.url));
      cleanup.push(() => am.stop());
      const prom: Prometheus = await startPrometheus({
        dir,
        jobs: [{ job: 'catalytic-api', targets: [`127.0.0.1:${port}`] }],
        rules: { 'recording.yml': recordingRulesYaml(TEST), 'alerts.yml': alertRulesYaml(TEST) },
        alertmanager: am.url,
      });
      cleanup.push(() => prom.stop());
      await api.waitFor(`http://127.0.0.1:${port}/health/ready`);

      // Every request fails: far above the 14.4 × 0.1 % the fast-burn page needs.
      let sending = true;
      const traffic = (async () => {
        while (sending) {
          await Promise.all(
            Array.from({ length: 10 }, () =>
              fetch(`http://127.0.0.1:${port}/api/v1/testing/error`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ error_type: '500' }),
              }).then((r) => r.arrayBuffer()),
            ),
          );
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      cleanup.push(async () => {
        sending = false;
        await traffic;
      });

      const page = await eventually('the page notification', 90_000, async () =>
        receiver.received.find(
          (n) =>
            n.path === '/page' &&
            n.body.alerts.some((a) => a.labels.alertname === 'CatalyticAvailabilityBudgetBurn' && a.status === 'firing'),
        ),
      );
      const alert = page.body.alerts.find((a) => a.labels.alertname === 'CatalyticAvailabilityBudgetBurn')!;
      expect(page.body.receiver).toBe('page');
      expect(alert.labels).toMatchObject({ severity: 'page', slo: 'availability', service: 'catalytic' });
      expect(alert.annotations.runbook_url).toBe('docs/runbooks/catalytic-availability-budget-burn.md');
      expect(alert.annotations.summary).toContain('availability error budget');

      const firing = await prom.alerts();
      expect(firing.some((a) => a.labels.alertname === 'CatalyticAvailabilityBudgetBurn' && a.state === 'firing')).toBe(true);
      expect((await prom.query('slo:sli_error:ratio_rate5m{slo="availability"}'))[0].value[1]).toBe('1');

      // The 3d/6h ticket fires in Prometheus too (after its scaled `for`), but the page of the same alert inhibits it.
      await eventually('the ticket rule firing in Prometheus', 60_000, async () =>
        (await prom.alerts()).find(
          (a) => a.labels.alertname === 'CatalyticAvailabilityBudgetBurn' && a.labels.severity === 'ticket' && a.state === 'firing',
        ),
      );
      const suppressed = await eventually('Alertmanager to hold the ticket as inhibited', 20_000, async () => {
        const res = await fetch(`${am.url}/api/v2/alerts?filter=${encodeURIComponent('severity="ticket"')}`);
        const alerts = (await res.json()) as { labels: Record<string, string>; status: { state: string; inhibitedBy: string[] } }[];
        return alerts.find((a) => a.labels.alertname === 'CatalyticAvailabilityBudgetBurn' && a.status.state === 'suppressed');
      });
      expect(suppressed.status.inhibitedBy.length).toBeGreaterThan(0);
      expect(
        receiver.received.filter(
          (n) => n.path === '/ticket' && n.body.alerts.some((a) => a.labels.alertname === 'CatalyticAvailabilityBudgetBurn'),
        ),
      ).toEqual([]);
    },
  );
});
