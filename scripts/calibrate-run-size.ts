// Calibrates src/experiment/runSize.ts: runs one replication of each built-in scenario at 2 and 10
// years (and the 50,000-inhabitant municipality at 10x its population), measures the events fired
// and the peak heap (sampled every 5,000 events, after a full GC), and prints them against the
// estimate. Run: node --expose-gc --import tsx scripts/calibrate-run-size.ts
import { readdirSync, readFileSync } from 'node:fs';
import { estimateRunSize } from '../src/experiment/runSize.js';
import { runScenario } from '../src/model/registry.js';
import { startMunicipality } from '../src/model/municipality/municipalityModel.js';
import type { Scenario } from '../src/scenario/schema.js';
import { validateScenarioText } from '../src/scenario/validate.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx scripts/calibrate-run-size.ts');

function measure(s: Scenario, years: number): { events: number; peak: number } {
  gc!();
  const h0 = process.memoryUsage().heapUsed;
  let peak = 0;
  if (s.model === 'queue') {
    const rec = runScenario(s, 1, { years, warmupDays: 0 });
    return { events: rec.eventsProcessed, peak: process.memoryUsage().heapUsed - h0 };
  }
  const run = startMunicipality(s, 1, { horizonDays: years * 365, warmupDays: 0 });
  while (run.stepEvents(5000) > 0) peak = Math.max(peak, process.memoryUsage().heapUsed - h0);
  const rec = run.finish();
  peak = Math.max(peak, process.memoryUsage().heapUsed - h0);
  return { events: rec.eventsProcessed, peak };
}

const files = [...readdirSync('scenarios').filter((f) => f.endsWith('.json') && f !== 'schema.json').map((f) => `scenarios/${f}`), 'scenarios/validation/mmc.json'];
const cases: Array<[string, Scenario, number]> = [];
for (const f of files) {
  const r = validateScenarioText(readFileSync(f, 'utf8'), f);
  if (!r.ok) throw new Error(f);
  cases.push([f, r.scenario, 2], [f, r.scenario, 10]);
  if (f.endsWith('kommune-stafettlop.json') && r.scenario.model === 'municipality') {
    const big = structuredClone(r.scenario);
    big.municipality.inhabitants *= 10;
    cases.push([`${f} x10 inhabitants`, big, 10]);
  }
}
console.log('scenario                                         years   events  estimate  ratio   peak MB  est MB  ratio');
for (const [name, s, years] of cases) {
  const m = measure(s, years);
  const e = estimateRunSize(s, { years, replications: 1 });
  console.log(
    `${name.padEnd(48)} ${String(years).padStart(5)} ${String(m.events).padStart(8)} ${Math.round(e.eventsPerReplication).toString().padStart(9)} ${(e.eventsPerReplication / m.events).toFixed(2).padStart(6)} ${(m.peak / 1e6).toFixed(0).padStart(9)} ${(e.memoryBytesPerReplication / 1e6).toFixed(0).padStart(7)} ${(e.memoryBytesPerReplication / m.peak).toFixed(2).padStart(6)}`,
  );
}
