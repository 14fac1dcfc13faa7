/**
 * Deterministic elementary functions: the same bits on every JavaScript engine.
 *
 * ECMAScript leaves `Math.exp`, `Math.log`, `Math.pow`, `Math.cos`, … "implementation-approximated",
 * and engines do differ in the last bit: measured on 20,000 inputs each, Chromium 156 and Node 20
 * disagree on 10% of `Math.exp` and 7% of `Math.log` results (issue 12), so the same seed gave
 * different numbers in the dashboard and the CLI. Only + − × ÷, `Math.sqrt` and exact operations
 * (floor, abs, comparisons, bit access through typed arrays) are rounded identically everywhere
 * by IEEE 754.
 *
 * These are the stdlib-js ports of FreeBSD's msun / Sun's fdlibm (`@stdlib/math-base-special-*`),
 * written only with those operations. Why stdlib: maintained, tested against the C originals,
 * published one function a package (so the bundle carries only what we use), plain CommonJS that
 * Vite and Node both load, and accurate to < 1 ulp like the engines' own functions. Their cost is
 * measured in `npm run bench` (`detmath` section).
 *
 * Everything in `src/engine`, `src/model`, `src/stats` and `src/experiment` that computes a number
 * uses these instead of `Math.*`; `tests/engine/deterministicMath.test.ts` enforces it.
 */
import stdCos from '@stdlib/math-base-special-cos';
import stdExp from '@stdlib/math-base-special-exp';
import stdExpm1 from '@stdlib/math-base-special-expm1';
import stdLn from '@stdlib/math-base-special-ln';
import stdLog1p from '@stdlib/math-base-special-log1p';
import stdPow from '@stdlib/math-base-special-pow';
import stdSin from '@stdlib/math-base-special-sin';
import stdTan from '@stdlib/math-base-special-tan';

/** e^x. */
export const exp: (x: number) => number = stdExp;
/** Natural logarithm ln x (NaN for x < 0, -Infinity at 0). */
export const log: (x: number) => number = stdLn;
/** ln(1 + x), accurate for small x. */
export const log1p: (x: number) => number = stdLog1p;
/** e^x - 1, accurate for small x. */
export const expm1: (x: number) => number = stdExpm1;
/** x^y. Integer powers of 2 are exact here as everywhere. */
export const pow: (x: number, y: number) => number = stdPow;
/** sin x (radians). */
export const sin: (x: number) => number = stdSin;
/** cos x (radians). */
export const cos: (x: number) => number = stdCos;
/** tan x (radians). */
export const tan: (x: number) => number = stdTan;

/** ln(2π)/2, computed once with the deterministic log above (so every engine has the same bits). */
export const HALF_LN_2PI = 0.5 * stdLn(2 * Math.PI);
/** ln(π)/2 = ln Γ(1/2). */
export const LN_SQRT_PI = 0.5 * stdLn(Math.PI);
