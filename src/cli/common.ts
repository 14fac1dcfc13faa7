import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';

// What every CLI command shares: where it writes, its exit codes, how it reads flags and reports
// bad input.

/** Where the CLI writes; injectable so tests run `main` in-process. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stderr is an interactive terminal (progress bar). */
  stderrIsTty: boolean;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_INTERNAL = 2;

/** Bad input from the user: printed without a stack trace, exit code 1. */
export class UsageError extends Error {}

export function parse<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: string[], options: T, command: string) {
  // `--reps -3`: a value that looks like a negative number belongs to its option (node's parseArgs
  // would call it ambiguous), so the option's own check can say what is wrong with it.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : '';
    if (name in options && options[name].type === 'string' && i + 1 < args.length && /^-\d/.test(args[i + 1])) joined.push(`${args[i]}=${args[++i]}`);
    else joined.push(args[i]);
  }
  try {
    return parseArgs({ args: joined, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    const unknown = /Unknown option '(--?[\w-]+)'/.exec((e as Error).message);
    if (unknown) {
      const known = Object.keys(options).map((k) => `--${k}`);
      const near = known.length > 0 ? closest(unknown[1], known) : '';
      const hint = near && distance(unknown[1], near) <= 3 ? `; did you mean ${near}?` : '';
      throw new UsageError(`unknown option ${unknown[1]}${hint} (see koordsim ${command} --help)`);
    }
    throw new UsageError(`${(e as Error).message.replace(/\. To specify.*$/s, '')} (see koordsim ${command} --help)`);
  }
}

export function intOption(v: string | undefined, name: string, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  // A bound beyond any value a person would type is not worth printing: say "an integer".
  const what = min <= -(2 ** 31) ? 'an integer' : `an integer >= ${min}`;
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be ${what}, got "${v}"`);
  return n;
}

/** --years: a number of simulated years in (0, 10000]. */
export function yearsOption(v: string): number {
  const years = Number(v);
  if (v.trim() === '' || !Number.isFinite(years) || years <= 0 || years > 10_000) throw new UsageError(`--years must be a number in (0, 10000], got "${v}"`);
  return years;
}

export function writeOut(outFile: string, text: string): void {
  try {
    // The folder is made if missing: array jobs (README, "Running shards on a cluster") write
    // `--out results/shard-K.csv` from N processes at once, before anyone has made results/.
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, text);
  } catch (e) {
    throw new UsageError(`cannot write ${outFile}: ${(e as Error).message}`);
  }
}


/** A file's text, or a UsageError saying why it cannot be read. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  }
}
