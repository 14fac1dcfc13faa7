import { defineConfig } from 'vitest/config';

// One config for the dashboard (Vite, root web/) and the tests (Vitest, root of the repo).
export default defineConfig({
  root: 'web',
  publicDir: false,
  server: { host: 'localhost', port: 5173, strictPort: false, fs: { allow: ['..'] } },
  preview: { host: 'localhost', port: 4173 },
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
