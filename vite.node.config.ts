import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Plain Node programs: the `demo-ledger` CLI and the Chromium host launcher. They share `core/`
 * and `main/handlers.ts` with the app; Playwright stays external (a dev tool, not bundled).
 */
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/node',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        cli: resolve('cli/index.ts'),
        'chromium-host': resolve('main/hosts/chromium-main.ts'),
        // Untrusted PDFs are verified on this worker thread (main/services/pdf-verifier.ts).
        'pdf-verifier.worker': resolve('main/services/pdf-verifier.worker.ts'),
      },
      external: [...builtinModules, /^node:/, 'playwright-core', /^playwright-core\//],
      // Chunks sit beside the entries: the verifier finds its worker next to the module that
      // starts it (import.meta.url), whichever bundle that module lands in.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true },
});
