import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // two test files at a time: most of a test's time is spent waiting on database servers
    // and child processes, so two workers on two cores finish well before one
    maxWorkers: 2,
    // CI reads the JSON report to fail on any skipped test (.ci/run)
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/test-results.json' },
  },
});
