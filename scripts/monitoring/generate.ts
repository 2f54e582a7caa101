// Writes every generated file of monitoring/: `npm run monitoring`.
import { fileURLToPath } from 'node:url';
import { writeGenerated } from '../generated-file.js';
import { apiDashboard } from './dashboards/api-dashboard.js';
import { computeDashboard } from './dashboards/compute-dashboard.js';
import { infrastructureDashboard } from './dashboards/infrastructure-dashboard.js';
import { securityDashboard } from './dashboards/security-dashboard.js';
import { PRODUCTION } from './rule-profile.js';
import { alertRulesYaml, alertTestsYaml, recordingRulesYaml } from './rule-files.js';

const at = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** The four dashboards, by the file name they are written to in monitoring/grafana/dashboards/. */
export const DASHBOARDS = {
  api: apiDashboard,
  compute: computeDashboard,
  security: securityDashboard,
  infrastructure: infrastructureDashboard,
};

/** Path in the repository → its generated text. */
export async function generatedMonitoringFiles(): Promise<Record<string, string>> {
  return {
    'monitoring/rules/recording.yml': recordingRulesYaml(PRODUCTION),
    'monitoring/rules/alerts.yml': alertRulesYaml(PRODUCTION),
    'monitoring/rules/tests/alerts.test.yml': alertTestsYaml(),
    ...Object.fromEntries(
      Object.entries(DASHBOARDS).map(([name, build]) => [`monitoring/grafana/dashboards/${name}.json`, JSON.stringify(build(), null, 2)]),
    ),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, text] of Object.entries(await generatedMonitoringFiles())) await writeGenerated(at(file), text);
  process.stdout.write('monitoring/ updated\n');
}
