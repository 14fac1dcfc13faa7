import { expect, it } from 'vitest';
import { scalingSvg } from '../../scripts/plot-bench.js';

const row = (inhabitants: number, seconds: number, years = 10) => ({ inhabitants, years, secondsPerReplication: seconds, eventsPerSecond: (inhabitants * 3) / seconds });
const report = (rows: ReturnType<typeof row>[]) => ({ cores: 2, node: 'v20', summary: { scaling: rows } });

it('draws one point per scaling row in each panel, and the targets only for 10-year runs', () => {
  const ten = scalingSvg(report([row(700_000, 30), row(10_000, 0.2), row(50_000, 1.2)]));
  expect(ten.startsWith('<svg')).toBe(true);
  expect(ten.match(/<circle/g)).toHaveLength(6);
  expect(ten).toContain('target 0.3 s');
  expect(ten).toContain('10-year replication');
  // Points are ordered by inhabitants, so the line runs left to right.
  const xs = [...ten.matchAll(/<circle cx="([\d.]+)"/g)].slice(0, 3).map((m) => Number(m[1]));
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  const two = scalingSvg(report([row(10_000, 0.1, 2), row(50_000, 0.3, 2)]));
  expect(two).not.toContain('target');
});

it('refuses a bench report without scaling rows', () => {
  expect(() => scalingSvg(report([]))).toThrow(/no scaling rows/);
});
