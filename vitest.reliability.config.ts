import { defineConfig } from 'vitest/config';

/**
 * The reliability suite: fault injection, crash consistency, fuzzing, security and load. Run with
 * `npm run test:reliability`; the default `npm test` leaves test/reliability out. The global setup collects one row
 * per fault case and prints the `fault | tried | survived | alerts lost` table at the end.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/reliability/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two workers match the 2-core CI machine; the load and crash tests measure, so they must not fight over cores.
    maxWorkers: 2,
  },
});
