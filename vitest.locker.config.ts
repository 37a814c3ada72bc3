import { defineConfig } from 'vitest/config';

/**
 * The team locker's tests, against a real S3 Object Lock service: a one-node Ceph started for
 * the run (test/locker/engine.ts, scripts/locker-dev.mjs) and stopped after it. The service is an
 * outside process on the machine's clock (request signatures carry the time), so these tests
 * keep the real clock and compare times with the service's own. `npm run test:locker`.
 */
export default defineConfig({
  test: {
    name: 'locker',
    environment: 'node',
    include: ['test/locker/**/*.test.ts'],
    globalSetup: ['test/locker/engine.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One cluster, one file at a time: the tests stop and start its gateway.
    fileParallelism: false,
  },
});
