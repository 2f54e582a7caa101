import { describe, expect, it } from 'vitest';
import { committed, formatted } from '../../scripts/generated-file.js';
import { METRICS_DOC, metricsDoc } from '../../scripts/metrics-docs.js';
import { generatedMonitoringFiles } from '../../scripts/monitoring/generate.js';

// Rules, promtool tests and dashboards are code in scripts/monitoring/; the files in monitoring/ are its output.
describe('generated files are up to date', async () => {
  const files = await generatedMonitoringFiles();

  it.each(Object.keys(files))('%s (run `npm run monitoring`)', async (file) => {
    expect(await committed(file)).toBe(await formatted(files[file], file));
  });

  it('docs/metrics.md (run `npm run docs:metrics`)', async () => {
    expect(await committed(METRICS_DOC)).toBe(await metricsDoc());
  });
});
