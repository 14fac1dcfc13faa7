import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the bin folder, without type declarations
import { compiledCli } from '../../bin/compiledCli.js';
import { VERSION } from '../../src/version.js';

/** The relative specifiers a compiled file imports: static (`from "./x.js"`, `import "./x.js"`) and dynamic (`import("./x.js")`). */
function imports(code: string): { static: string[]; dynamic: string[] } {
  return {
    static: [...code.matchAll(/(?:from|^import)\s*["'](\.[^"']+)["']/gm)].map((m) => m[1]),
    dynamic: [...code.matchAll(/\bimport\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) => m[1]),
  };
}

it('compiles the CLI once per source tree into dist/cli/<hash>/, bundled, and the build runs without tsx', async () => {
  const entry = (await compiledCli()) as string;
  expect(entry).toMatch(/dist[\\/]cli[\\/][0-9a-f]{16}[\\/]cli\.js$/);
  expect(await compiledCli()).toBe(entry); // unchanged sources: the same build
  const dir = dirname(entry);
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  expect(files).toEqual(expect.arrayContaining(['cli.js', 'poolWorker.js']));
  const code = Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const all = Object.values(code).join('\n');
  expect(all).not.toMatch(/from ["']tsx|["']\.\/main\.js["']/); // bundled, no TypeScript loader
  // Split: every chunk lies beside cli.js in the hashed folder (one folder, renamed into place whole).
  for (const [f, c] of Object.entries(code)) {
    const { static: s, dynamic: d } = imports(c);
    for (const spec of [...s, ...d]) expect(spec, `${f} imports ${spec}`).toMatch(/^\.\/[^/]+\.js$/);
    for (const spec of [...s, ...d]) expect(files, `${f} imports ${spec}`).toContain(spec.slice(2));
  }
  // `koordsim --help` loads cli.js and its static imports only: the commands and zod come in a
  // chunk imported dynamically (issue 15, start-up).
  const loaded = new Set<string>();
  const visit = (f: string) => {
    if (loaded.has(f)) return;
    loaded.add(f);
    imports(code[f]).static.forEach((spec) => visit(spec.slice(2)));
  };
  visit('cli.js');
  const quick = [...loaded].map((f) => code[f]).join('\n');
  expect(quick).toContain('simulate coordination'); // the main help
  expect(quick).not.toContain('Invalid input'); // zod
  expect(imports(code['cli.js']).dynamic).toHaveLength(1);
  // zod's English messages stay; its ~60 other locales (about 30% of the bundle) are left out.
  expect(all).toContain('Invalid input');
  expect(all).not.toContain('erwartet'); // German: "expected"
  expect(execFileSync(process.execPath, [entry, '--version'], { encoding: 'utf8' })).toContain(VERSION);
  expect(execFileSync(process.execPath, [entry, 'schema'], { encoding: 'utf8' })).toContain('"$schema"');
});

it('the compiled pool starts its worker threads from poolWorker.js beside the chunks, and they give the rows of one thread', async () => {
  const entry = (await compiledCli()) as string;
  const tmp = mkdtempSync(join(tmpdir(), 'koordsim-compiled-'));
  try {
    const experiment = join(tmp, 'exp.json');
    writeFileSync(
      experiment,
      JSON.stringify({
        formatVersion: 1,
        name: 'compiled pool',
        scenario: resolve('scenarios/validation/mmc.json'),
        seed: 3,
        replications: 2,
        years: 1,
        parameters: [{ name: 'servers', path: '$.queue.servers', values: [5, 6] }],
        design: { kind: 'grid' },
      }),
    );
    const csv = (jobs: number) => {
      const out = join(tmp, `jobs-${jobs}.csv`);
      execFileSync(process.execPath, [entry, 'sweep', experiment, '--jobs', String(jobs), '--out', out], { stdio: 'pipe' });
      return readFileSync(out, 'utf8');
    };
    const serial = csv(1);
    expect(serial.split('\n').length).toBeGreaterThan(4);
    expect(csv(2)).toBe(serial); // --jobs 2: four tasks on two worker threads
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
