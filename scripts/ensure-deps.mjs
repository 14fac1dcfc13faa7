#!/usr/bin/env node
// Installs dependencies on first use so `npm start` and `npm test` work on a fresh clone.
// Reinstalls when package-lock.json is newer than the installed tree. No dependencies of its own.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  process.stderr.write('koordsim: installing dependencies (first run) ...\n');
  const useCi = existsSync(lock) && !existsSync(join(root, 'node_modules'));
  const args = useCi ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(`koordsim: "npm ${args.join(' ')}" failed (exit ${r.status}). Check your network and Node version (>= 20.19).\n`);
    process.exit(r.status ?? 1);
  }
}
