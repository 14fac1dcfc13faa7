/**
 * A municipality scenario scaled to another size: inhabitants, every service's staffFte and every
 * coordinator pool's count are multiplied by `factor` (counts rounded, at least 1 where the base
 * had any). Rates per 1,000 inhabitants, per-user parameters, hours per week per coordinator and
 * everything else are kept, so the scaled city has the same demand and capacity per inhabitant.
 * Used by the bench's scaling table and to write scenarios/by-700k.json (scripts/write-city-scenario.ts).
 */

interface RawService {
  staffFte: number;
}
interface RawPool {
  count: number;
}
interface RawMunicipality {
  inhabitants: number;
  services: RawService[];
  coordination?: { pools?: RawPool[] };
}
export interface RawScenario {
  name: string;
  model: string;
  municipality: RawMunicipality;
  [key: string]: unknown;
}

export function scaleScenario<T extends RawScenario>(base: T, factor: number): T {
  if (!(factor > 0 && factor < Infinity)) throw new RangeError(`scaleScenario: factor must be a finite number > 0, got ${factor}`);
  if (base.model !== 'municipality') throw new Error(`scaleScenario: only municipality scenarios scale, got model "${base.model}"`);
  const s = structuredClone(base);
  const m = s.municipality;
  m.inhabitants = Math.round(m.inhabitants * factor);
  for (const svc of m.services) svc.staffFte = Math.round(svc.staffFte * factor * 1000) / 1000;
  for (const p of m.coordination?.pools ?? []) p.count = p.count > 0 ? Math.max(1, Math.round(p.count * factor)) : 0;
  return s;
}
