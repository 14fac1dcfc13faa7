import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the bin folder, without type declarations
import { compiledCli } from '../../bin/compiledCli.js';
import { VERSION } from '../../src/version.js';

it('compiles the CLI once per source tree into dist/cli/<hash>/, bundled, and the build runs without tsx', async () => {
  const entry = (await compiledCli()) as string;
  expect(entry).toMatch(/dist[\\/]cli[\\/][0-9a-f]{16}[\\/]cli\.js$/);
  expect(await compiledCli()).toBe(entry); // unchanged sources: the same build
  const code = readFileSync(entry, 'utf8');
  expect(code).not.toMatch(/from ["']tsx|["']\.\/main\.js["']/); // one bundle, no TypeScript loader
  // zod's English messages stay; its ~60 other locales (about 30% of the bundle) are left out.
  expect(code).toContain('Invalid input');
  expect(code).not.toContain('erwartet'); // German: "expected"
  expect(execFileSync(process.execPath, [entry, '--version'], { encoding: 'utf8' })).toContain(VERSION);
});
