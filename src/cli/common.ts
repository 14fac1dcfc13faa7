import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

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
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify.*$/s, '')} (see koordsim ${command} --help)`);
  }
}

export function intOption(v: string | undefined, name: string, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${v}"`);
  return n;
}

export function writeOut(outFile: string, text: string): void {
  try {
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
