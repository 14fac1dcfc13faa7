import type { ScenarioIssue } from './validate.js';

/**
 * The range of magnitudes a scenario number may take: 0, or between MIN_MAGNITUDE and
 * MAX_MAGNITUDE in absolute value. No quantity of a municipality (people, hours, days, rates,
 * probabilities) needs more, and beyond it derived quantities overflow: a rate of 5e-324 per day
 * has a mean interval of Infinity days, 1e308 staff have Infinity hours. Found by the fuzz suite
 * (tests/fuzz/). Fields with tighter bounds of their own (inhabitants, probabilities) keep them.
 */
export const MAX_MAGNITUDE = 1e9;
export const MIN_MAGNITUDE = 1e-9;

/** Every number of the parsed scenario outside the range, with its path (iterative walk). */
export function magnitudeIssues(data: unknown, file: string, jsonPath: (segs: Array<string | number>) => string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: data, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'number') {
      const a = Math.abs(v);
      if (a !== 0 && !(a >= MIN_MAGNITUDE && a <= MAX_MAGNITUDE)) {
        issues.push({ file, path: jsonPath(path), pathSegments: path, expected: `0 or a number between ${MIN_MAGNITUDE} and ${MAX_MAGNITUDE} in absolute value`, found: String(v) });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return issues.reverse();
}
