import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests: core and main under Node, the renderer under happy-dom with fake-indexeddb. Every
 * file starts on a pinned clock (test/unit/pinned-clock.ts). Timeouts are generous: tests judge
 * behaviour, never speed, and a busy two-core machine must not fail them (speed is for bench/).
 */
const timeouts = { testTimeout: 120_000, hookTimeout: 180_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          ...timeouts,
          include: ['test/unit/{core,main,cli,build}/**/*.test.ts'],
          setupFiles: ['test/unit/pinned-clock.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          ...timeouts,
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit/pinned-clock.ts', 'test/unit/renderer/setup.ts'],
        },
      },
    ],
  },
});
