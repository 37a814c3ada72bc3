import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests: core and main under Node, the renderer under happy-dom with fake-indexeddb. Every
 * file starts on a pinned clock (test/unit/pinned-clock.ts). Timeouts are generous: tests judge
 * behaviour, never speed, and a busy two-core machine must not fail them (speed is for bench/).
 * Each project `extends` this root, or it would run on Vitest's 5 s default instead.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/{core,main,cli,build}/**/*.test.ts'],
          setupFiles: ['test/unit/pinned-clock.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit/pinned-clock.ts', 'test/unit/renderer/setup.ts'],
        },
      },
    ],
  },
});
