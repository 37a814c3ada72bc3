import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './main/services/app-content';

/**
 * The CSP also goes into the built index.html, as a second line of defence behind the response
 * header (and visible to static checkers). Not in dev: Vite's dev server injects inline scripts.
 * `frame-ancestors` is dropped because browsers ignore it in a meta element and say so.
 */
function contentSecurityPolicyMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'demo-ledger-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * main, preload and renderer. Every library is bundled (package.json has no runtime
 * `dependencies`), so app.asar holds only `out/` and stays small.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          // Untrusted PDFs are verified on this worker thread (main/services/pdf-verifier.ts).
          'pdf-verifier.worker': resolve('main/services/pdf-verifier.worker.ts'),
        },
        // Chunks beside the entries, so the worker is found next to whichever chunk starts it.
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      // No data: URIs: the CSP allows images from the app origin and blob: only.
      assetsInlineLimit: 0,
      sourcemap: false,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
    worker: { format: 'es' },
  },
});
