import { defineConfig } from 'vitest/config';

// One config for the dashboard (Vite, root web/) and the tests (Vitest, root of the repo).
export default defineConfig({
  root: 'web',
  publicDir: false,
  server: { host: 'localhost', port: 5173, strictPort: false, fs: { allow: ['..'] } },
  preview: { host: 'localhost', port: 4173 },
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
