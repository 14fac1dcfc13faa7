import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budget, cli, contractBroken, encode, encodingArb, mutate, mutationArb, timeoutFor, type Json } from './fuzzInputs.js';

// Mutated scenario and experiment files through the real CLI (in process): each is run with its
// invariants intact (the model checks them at the end of every run) or rejected with exit 1 and a
// message naming the file, the JSON path, what was expected and what was found.
// KOORDSIM_FUZZ=long runs 50 times as many inputs (see README "Limits and guarantees").

const tmp = mkdtempSync(join(tmpdir(), 'koordsim-fuzz-'));
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Json;
const BASES = {
  mmc: read('scenarios/validation/mmc.json'),
  relay: read('scenarios/hvr-nord-stafett.json'),
  coordinators: read('scenarios/barn-ip-koordinerende-enhet.json'),
};
// Short horizons keep each accepted run small; the mutations may still ask for a huge one.
const RUN = ['--reps', '1', '--years', '0.3', '--warmup-days', '0', '--json'];

let n = 0;
// Both outcomes must occur, or the mutations are too mild (all run) or too wild (all rejected).
const tally = { run: 0, rejected: 0 };
function writeInput(bytes: Buffer, name = 'scenario.json'): string {
  const dir = join(tmp, String(n++));
  mkdirSync(dir);
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('fuzz: scenario and experiment files', () => {
  it(
    'a mutated scenario is run or rejected with file, path, expected and found',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('mmc', 'relay', 'coordinators'), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), encodingArb, fc.constantFrom('validate', 'run', 'compare'), async (base, mutations, encoding, command) => {
          const file = writeInput(encode(mutate(BASES[base as keyof typeof BASES], mutations), encoding));
          const argv = command === 'validate' ? ['validate', file] : command === 'run' ? ['run', file, ...RUN] : ['compare', file, file, ...RUN];
          const r = await cli(argv);
          tally[r.code === 0 ? 'run' : 'rejected']++;
          const broken = contractBroken(r, [file]);
          if (broken) throw new Error(`${broken}: koordsim ${argv.join(' ')}\n${r.err.slice(0, 2000)}`);
        }),
        budget(300, 20),
      );
    },
    timeoutFor(20),
  );

  it(
    'a mutated experiment is run or rejected with file, path, expected and found',
    async () => {
      const experiment: Json = {
        formatVersion: 1,
        name: 'fuzz',
        scenario: 'base.json',
        seed: 3,
        replications: 2,
        years: 0.2,
        warmupDays: 0,
        metrics: ['arrivals', 'waitDays.mean'],
        parameters: [
          { name: 'servers', path: '$.queue.servers', values: [5, 6] },
          { path: '$.queue.arrivalsPerDay', range: { min: 3, max: 4.5, steps: 2 } },
        ],
        design: { kind: 'grid' },
      };
      await fc.assert(
        fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), encodingArb, async (mutations, encoding) => {
          const file = writeInput(encode(mutate(experiment, mutations), encoding), 'experiment.json');
          writeFileSync(join(file, '..', 'base.json'), JSON.stringify(BASES.mmc));
          const argv = ['sweep', file, '--jobs', '1'];
          const r = await cli(argv);
          tally[r.code === 0 ? 'run' : 'rejected']++;
          const broken = contractBroken(r, [file]);
          if (broken) throw new Error(`${broken}: koordsim ${argv.join(' ')}\n${r.err.slice(0, 2000)}`);
        }),
        budget(150, 8),
      );
    },
    timeoutFor(8),
  );

  it('the fuzzer both ran and rejected inputs', () => {
    expect(tally.run).toBeGreaterThan(10);
    expect(tally.rejected).toBeGreaterThan(10);
  });

  it('the harness catches a broken contract', () => {
    expect(contractBroken({ code: 2, out: '', err: 'koordsim: internal error: x' }, [])).toBe('exit 2');
    expect(contractBroken({ code: 1, out: '', err: 'TypeError: x\n    at f (a.js:1:1)' }, [])).toBe('stack trace or internal error');
    expect(contractBroken({ code: 1, out: '', err: 'a.json: 1 problem\n  $.x: bad' }, ['a.json'])).toBe('a content problem without path, expected and found');
    expect(contractBroken({ code: 0, out: '{"metrics":{"arrivals":{"mean":null}}}', err: '' }, [])).toBe('arrivals is null');
  });
});
