import { defineConfig } from 'vitest/config';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from './web/contentSecurityPolicy.js';

const securityHeaders = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER, 'X-Content-Type-Options': 'nosniff' };

// One config for the dashboard (Vite, root web/) and the tests (Vitest, root of the repo).
export default defineConfig({
  root: 'web',
  publicDir: false,
  server: { host: 'localhost', port: 5173, strictPort: false, fs: { allow: ['..'] }, headers: securityHeaders },
  preview: { host: 'localhost', port: 4173, headers: securityHeaders },
  // The policy also goes into the page as a meta tag, so a static copy of dist/web keeps it on any host.
  plugins: [
    {
      name: 'koordsim-content-security-policy',
      transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
  ],
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  // The worker's imports are only requested after main.ts runs, too late for Vite's start-up scan:
  // without these entries Vite re-bundles on first use and reloads the page, killing a run.
  optimizeDeps: { entries: ['index.html', '../src/worker.ts'], include: ['seedrandom/lib/alea.js', 'comlink'] },
  test: {
    root: '.',
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests measure main-thread blocking (long tasks under 100 ms); on a two-core machine
    // they only mean something when nothing else runs: after the other tests, one file at a time.
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
