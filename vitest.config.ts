import { defineConfig } from 'vitest/config';

// Two projects in one run: the suite (in-process apps) and the end-to-end
// journeys, which share one fleet of spawned processes started by their own
// global setup, so running only the suite never starts the fleet.
const shared = {
  testTimeout: 30_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          ...shared,
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts', 'test/e2e/support/fleet-setup.ts'],
        },
      },
    ],
  },
});
