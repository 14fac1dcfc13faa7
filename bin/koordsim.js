#!/usr/bin/env node
// koordsim CLI entry. In a source checkout it runs the CLI compiled from src/ by esbuild
// (bin/compiledCli.js, rebuilt when src/ changes), so it starts in a fraction of the time tsx took and
// there is still no build step to forget; without esbuild it falls back to the TypeScript sources
// through tsx. An installed package without src/ runs the compiled dist/node (`npm run build`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledCli } from './compiledCli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'cli', 'cli.ts');
const built = join(root, 'dist', 'node', 'cli', 'cli.js');

const compiled = await compiledCli();
if (compiled) {
  await import(pathToFileURL(compiled).href);
} else if (existsSync(source)) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    // Not a bug in koordsim but a setup step not yet taken: exit 1, as for other bad input.
    process.stderr.write('koordsim: dependencies are missing; run `npm install` (or `npm test`) in the koordsim folder first.\n');
    process.exit(1);
  }
  await import(pathToFileURL(source).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write('koordsim: neither src/ nor dist/node/ found; run `npm run build`.\n');
  process.exit(2);
}
