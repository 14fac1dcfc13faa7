import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budget, cli, contractBroken, timeoutFor } from './fuzzInputs.js';

// Random command lines: commands, flags (known, misspelt, repeated), odd values, and files that
// are missing, directories, binary, empty or good. Each ends with exit 0 or with exit 1 and a
// message; never exit 2, a stack trace or a hang.

const tmp = mkdtempSync(join(tmpdir(), 'koordsim-fuzz-args-'));
const dir = join(tmp, 'a-directory');
mkdirSync(dir);
const binary = join(tmp, 'binary.json');
writeFileSync(binary, Buffer.from([0, 159, 146, 150, 255, 254, 0, 1]));
const empty = join(tmp, 'empty.json');
writeFileSync(empty, '');
const experiment = join(tmp, 'experiment.json');
writeFileSync(
  experiment,
  JSON.stringify({ formatVersion: 1, name: 'args', scenario: '../../work-does-not-matter.json', parameters: [{ path: '$.queue.servers', values: [5] }] }),
);
const tinyExperiment = join(tmp, 'tiny.json');
writeFileSync(join(tmp, 'mmc.json'), JSON.stringify({ formatVersion: 1, name: 'mmc', model: 'queue', horizon: { years: 0.1, warmupDays: 0 }, calendar: { alwaysOpen: true }, queue: { arrivalsPerDay: 4.5, meanServiceDays: 1, servers: 5 } }));
writeFileSync(tinyExperiment, JSON.stringify({ formatVersion: 1, name: 'tiny', scenario: 'mmc.json', replications: 2, years: 0.1, parameters: [{ path: '$.queue.servers', values: [5, 6] }] }));

const FILES = [join(tmp, 'mmc.json'), 'scenarios/validation/mmc.json', join(tmp, 'missing.json'), dir, binary, empty, experiment, tinyExperiment, '-', '', 'scenarios/schema.json'];
const COMMANDS = ['validate', 'run', 'compare', 'sweep', 'merge', 'warmup', 'schema', 'experiment-schema', 'help', 'rn', '--help', '-v', ''];
// Not --allow-large: with it a user asks for a run beyond the limits (--reps 100000000), which is
// then allowed to take as long as it takes.
const FLAGS = ['--seed', '--reps', '--rep', '--years', '--warmup-days', '--out', '--json', '--print', '--trace', '--precision', '--metric', '--max-reps', '--jobs', '--shard', '--series', '--window', '--allow-larg', '--check', '-h', '--', '---', '-x'];
// Values are small or absurd: a valid but large value (a real long run) is not what this tests.
const VALUES = ['1', '2', '0', '-3', '-0', 'abc', '1e999', '1e9', '0.5', '', ' ', 'NaN', '99999999999999999999', '100000000', '3/2', '1/1', 'waitDays', 'x.csv', 'x.json', join(tmp, 'out.csv'), dir, '/nonexistent/dir/out.csv', '5%'];

const argArb = fc.oneof(fc.constantFrom(...FILES), fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES), fc.tuple(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES)).map(([f, v]) => `${f}=${v}`));

describe('fuzz: command lines', () => {
  it(
    'any command line exits 0 or 1 with a message, never 2 or a stack trace',
    async () => {
      let ran = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...COMMANDS), fc.array(argArb, { maxLength: 6 }), async (command, args) => {
          // Keep accepted runs short: a small horizon unless the fuzzer set one.
          const argv = [command, ...args];
          if ((command === 'run' || command === 'compare' || command === 'warmup') && !args.some((a) => a.startsWith('--years'))) argv.push('--years', '0.1');
          if (command === 'sweep' && !args.some((a) => a.startsWith('--jobs'))) argv.push('--jobs', '1');
          const r = await cli(argv);
          if (r.code === 0) ran++;
          const broken = contractBroken(r, FILES);
          if (broken) throw new Error(`${broken}: koordsim ${argv.map((a) => JSON.stringify(a)).join(' ')}\n${r.err.slice(0, 2000)}`);
        }),
        budget(800, 8),
      );
      expect(ran).toBeGreaterThan(0);
    },
    timeoutFor(8),
  );
});
