import { appendFileSync } from 'node:fs';

/**
 * A pattern test's measured figure, for the generated validation report (scripts/validation.ts,
 * docs/validation.md). Recorded only when the report is being made (KOORDSIM_VALIDATION_OUT names
 * a file to append to); otherwise nothing happens. The test's assertions are the check; this only
 * writes down what they measured, so the report shows the figure the test saw.
 */
export interface Figure {
  pattern: number;
  label: string;
  value: number;
  /** The 95% interval, if the figure has one. */
  ci95?: [number, number];
  unit?: string;
}

export function figure(f: Figure): void {
  const out = process.env.KOORDSIM_VALIDATION_OUT;
  if (out) appendFileSync(out, `${JSON.stringify(f)}\n`);
}
