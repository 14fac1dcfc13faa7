import * as Comlink from 'comlink';
import type { EngineApi } from '../src/worker.js';
import { formatIssues } from '../src/scenario/validate.js';

// Built-in scenarios, bundled as text so the worker validates exactly what a user would load.
const files = import.meta.glob('../scenarios/**/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const scenarios = Object.entries(files)
  .filter(([path]) => !path.endsWith('/schema.json'))
  .map(([path, text]) => ({ path: path.replace('../', ''), text }));

const worker = new Worker(new URL('../src/worker.ts', import.meta.url), { type: 'module' });
const engine = Comlink.wrap<EngineApi>(worker);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const select = $<HTMLSelectElement>('scenario');
for (const s of scenarios) select.add(new Option(s.path, s.path));

$<HTMLButtonElement>('run').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('run');
  const status = $('status');
  const results = $('results');
  const s = scenarios.find((x) => x.path === select.value);
  if (!s) return;
  button.disabled = true;
  status.textContent = 'running…';
  try {
    const seed = Number($<HTMLInputElement>('seed').value) | 0;
    const reps = Math.max(1, Number($<HTMLInputElement>('reps').value) | 0);
    const r = await engine.run(s.text, s.path, seed, reps, Comlink.proxy((done: number, total: number) => (status.textContent = `${done}/${total} replications`)));
    if (!r.ok) {
      results.innerHTML = '';
      const pre = document.createElement('pre');
      pre.className = 'error';
      pre.textContent = formatIssues(r.issues);
      results.append(pre);
      status.textContent = 'invalid scenario';
      return;
    }
    const o = r.output;
    const table = document.createElement('table');
    table.innerHTML = '<thead><tr><th>metric</th><th>mean</th><th>95% CI</th></tr></thead>';
    const body = table.createTBody();
    for (const [name, m] of Object.entries(o.metrics)) {
      const row = body.insertRow();
      row.insertCell().textContent = name;
      row.insertCell().textContent = fmt(m.mean);
      row.insertCell().textContent = `[${fmt(m.ci95[0])}, ${fmt(m.ci95[1])}]`;
    }
    results.replaceChildren(table);
    status.textContent = `${o.scenario} · ${o.scenarioHash} · seed ${o.seed} · ${o.reps} replications · koordsim ${o.version}`;
  } catch (e) {
    status.textContent = `error: ${(e as Error).message}`;
  } finally {
    button.disabled = false;
  }
});

function fmt(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4);
}
