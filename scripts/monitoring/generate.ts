// Writes every generated file of monitoring/: `npm run monitoring`.
import { fileURLToPath } from 'node:url';
import { writeGenerated } from '../generated-file.js';
import { PRODUCTION } from './rule-profile.js';
import { alertRulesYaml, alertTestsYaml, recordingRulesYaml } from './rule-files.js';

const at = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** Path in the repository → its generated text. */
export async function generatedMonitoringFiles(): Promise<Record<string, string>> {
  return {
    'monitoring/rules/recording.yml': recordingRulesYaml(PRODUCTION),
    'monitoring/rules/alerts.yml': alertRulesYaml(PRODUCTION),
    'monitoring/rules/tests/alerts.test.yml': alertTestsYaml(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, text] of Object.entries(await generatedMonitoringFiles())) await writeGenerated(at(file), text);
  process.stdout.write('monitoring/ updated\n');
}
