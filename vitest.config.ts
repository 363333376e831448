import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The reliability suite (fault injection, crash consistency, fuzzing, load) has its own run: npm run test:reliability.
    exclude: ['test/reliability/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real local servers; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});
