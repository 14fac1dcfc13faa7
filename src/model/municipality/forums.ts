/**
 * Interdisciplinary forums and what services know of each other. In a forum each taking part
 * service hears how the others work and how to raise a case with them; between forums, and for
 * good once the forums end, that knowledge wears away. A service that knows less of the others
 * sends referrals that are lost or arrive without what matters more often, and its link persons
 * raise fewer cases. Helgesen 2019 (BTI): where a shared log replaced the forums, "the
 * interdisciplinary forums have disappeared", the log "created more distance between the
 * services", and knowledge of how to raise a case fell about 50 percentage points in six years.
 * The forum costs the hours of those who attend. The linear wear and its effects are assumptions;
 * docs/model.md §4.6.
 */
import type { Handler } from '../../engine/scheduler.js';
import type { Ports, World } from './world.js';

export interface Forums extends Pick<Ports, 'knowledge' | 'knowledgeMean'> {
  onForum: Handler;
  start(): void;
}

export function forums(w: World, p: Ports): Forums {
  const { sim, spec, services, T } = w;
  const f = spec.forums;
  const taking = f === null ? [] : f.services.length === 0 ? services.map((s) => s.index) : f.services.map((id) => w.serviceIndex.get(id)!);
  /** Day each service last met the others in a forum; the forums ran before the run began (assumption). */
  const lastForum = services.map(() => 0);
  const end = f === null ? -Infinity : Math.min(T, f.stopAfterDays ?? Infinity);

  /** What service `s` knows of the others and of how to raise a case with them, 0-1 (1 without forums modelled). */
  const knowledge = (s: number): number => (f === null ? 1 : Math.max(0, 1 - (f.knowledgeLossPerYear * (sim.now - lastForum[s])) / 365));
  /** Mean knowledge over the services that take part (every service if none is named). */
  const knowledgeMean = (): number => {
    if (f === null) return 1;
    let k = 0;
    for (const s of taking) k += knowledge(s);
    return k / taking.length;
  };

  const onForum: Handler = () => {
    for (const s of taking) {
      lastForum[s] = sim.now;
      p.bookAdmin(s, 'meetings', f!.hoursPerService);
    }
    if (sim.now + f!.everyDays <= end) sim.schedule(f!.everyDays, w.ev.forum);
  };

  const start = () => {
    if (f !== null && f.everyDays <= end) sim.schedule(f.everyDays, w.ev.forum);
  };

  return { knowledge, knowledgeMean, onForum, start };
}
