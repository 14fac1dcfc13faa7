// Guard: nothing in src/ computes a number with a function that engines round differently.
// `Math.exp`, `Math.log`, `Math.pow`, … are "implementation-approximated" in ECMAScript, and Node 20
// and Chromium 156 disagree in the last bit on 3-13% of inputs (issue 12), so the same seed gave
// different numbers in the CLI and the dashboard. src/ uses src/engine/detmath.ts instead; only
// web/ may call Math.* (for drawing). Integer powers written `x ** 2` are exact and allowed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = ['exp', 'expm1', 'log', 'log1p', 'log10', 'log2', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'hypot'];
const CALL = new RegExp(`\\bMath\\s*\\.\\s*(${FORBIDDEN.join('|')})\\b`, 'g');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The code with comments and string/template literals blanked out (line numbers kept). */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** Every non-deterministic maths call or non-integer `**` in a source text, as `line: what`. */
export function mathOffenders(text: string): string[] {
  const code = codeOnly(text);
  const out: string[] = [];
  const lineOf = (i: number) => code.slice(0, i).split('\n').length;
  for (const m of code.matchAll(CALL)) out.push(`${lineOf(m.index)}: Math.${m[1]}`);
  // Reaching the functions without the dot: Math['exp'], const { exp } = Math, const M = Math.
  for (const m of code.matchAll(/\bMath\s*\[|[}\w]\s*=\s*Math\s*[;,\n)]/g)) out.push(`${lineOf(m.index)}: Math aliased (${m[0].trim()})`);
  // `**` whose exponent is not an integer literal (2 ** 40 is exact; x ** 0.5 or x ** y is not).
  for (const m of code.matchAll(/\*\*\s*(\(?\s*-?[\w.$]+)/g)) {
    if (!/^\(?\s*-?\d[\d_]*$/.test(m[1]) || /[.eE]/.test(m[1])) out.push(`${lineOf(m.index)}: ** ${m[1]}`);
  }
  return out;
}

describe('deterministic arithmetic in src/', () => {
  it('no Math.exp/log/pow/sin/… and no non-integer ** anywhere in src/ but detmath.ts', () => {
    const offenders: string[] = [];
    for (const f of files('src')) {
      if (f === join('src', 'engine', 'detmath.ts')) continue;
      for (const o of mathOffenders(readFileSync(f, 'utf8'))) offenders.push(`${f}:${o}`);
    }
    expect(offenders, 'use src/engine/detmath.ts (same bits on every engine) instead').toEqual([]);
  });

  it('the guard catches what it must and lets exact arithmetic through', () => {
    expect(mathOffenders('const y = Math.exp(-x);')).toEqual(['1: Math.exp']);
    expect(mathOffenders('a\nreturn Math . log1p(x) + Math.atan2(y, x);')).toEqual(['2: Math.log1p', '2: Math.atan2']);
    expect(mathOffenders('const { exp } = Math;')).toHaveLength(1);
    expect(mathOffenders("const f = Math['pow'];")).toHaveLength(1);
    expect(mathOffenders('const r = x ** 0.5;')).toEqual(['1: ** 0.5']);
    expect(mathOffenders('const r = x ** y;')).toEqual(['1: ** y']);
    expect(mathOffenders('const r = x ** 1e3;')).toEqual(['1: ** 1e3']);
    // Exact: integer powers, sqrt, floor, comments and strings that mention the functions.
    expect(mathOffenders('const SPAN = 2 ** 40; const v = (a + b) ** 2; const s = Math.sqrt(x) + Math.floor(y) + Math.max(1, z);')).toEqual([]);
    expect(mathOffenders('/** uses Math.exp ** 0.5 */\n// Math.log(x)\nconst s = "Math.pow(2, 0.5)";')).toEqual([]);
  });
});
