import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../../src/cli/main.js';
import { checkAfterEvent, InvariantError } from '../../../src/model/municipality/invariants.js';
import { startMunicipality, type MunicipalityRun } from '../../../src/model/municipality/municipalityModel.js';
import { NS } from '../../../src/model/municipality/world.js';
import { runScenario } from '../../../src/model/registry.js';
import type { MunicipalityScenario } from '../../../src/scenario/schema.js';
import { validateScenarioText } from '../../../src/scenario/validate.js';

const load = (f: string) => {
  const r = validateScenarioText(readFileSync(f, 'utf8'), f);
  if (!r.ok) throw new Error(f);
  return r.scenario as MunicipalityScenario;
};
const coordinators = load('scenarios/kommune-stafettlop-koordinator.json');

/** A run driven to its `events`th event, checked after each; returns it and a function checking the next event. */
function runTo(events: number): { run: MunicipalityRun; checkNext: () => void } {
  const run = startMunicipality(coordinators, 5, { horizonDays: 365, warmupDays: 0 });
  let previous = 0;
  const checkNext = () => {
    run.stepEvents(1);
    const sim = run.world.sim;
    checkAfterEvent(run.world, { ...sim.lastFired(), time: sim.now }, previous);
    previous = sim.now;
  };
  for (let i = 0; i < events; i++) checkNext();
  return { run, checkNext };
}

describe('--check: invariants after every event', () => {
  it('hold for every event of the built-in scenarios (half a year each)', () => {
    for (const f of ['scenarios/kommune-stafettlop-koordinator.json', 'scenarios/kommune-integrert-team.json', 'scenarios/kommune-pakkeforlop.json', 'scenarios/barn-ip-koordinerende-enhet.json', 'scenarios/hvr-nord-stafett.json']) {
      const s = load(f);
      const checked = runScenario(s, 2, { years: 0.5, warmupDays: 0, check: true });
      const plain = runScenario(s, 2, { years: 0.5, warmupDays: 0 });
      // Checking only reads: the run is the same.
      expect(checked.eventsProcessed, f).toBe(plain.eventsProcessed);
      if (checked.model === 'municipality' && plain.model === 'municipality') expect(checked.handoffs.time, f).toEqual(plain.handoffs.time);
    }
  });

  it('stops at the first broken invariant, naming the user, the event and the day', () => {
    const cases: Array<[string, (r: MunicipalityRun) => void, RegExp]> = [
      ['users conserved', (r) => (r.world.rec.users.exitReason[0] = 0), /^koordsim invariant broken: user 0: the record has an exit, but the user is still here, after event \w+\(\d+, \d+\) at day [\d.]+$/],
      ['negative hours', (r) => (r.world.services[1].used = -5), /has -5 hours in use, after event \w+\(/],
      [
        'queue consistent',
        (r) => {
          const u = r.world.users.find((x) => !x.gone && x.needs.some((n) => n.state === NS.Latent || n.state === NS.Pending))!;
          r.world.services[0].queue.push(u.needs.find((n) => n.state === NS.Latent || n.state === NS.Pending)!);
        },
        /queue holds \d+ but \d+ needs are queued there/,
      ],
      [
        'spells closed or open',
        (r) => {
          const s = r.world.rec.unownedSpells;
          s.end.push(NaN);
          s.user.push(0);
          s.need.push(0);
          s.start.push(1);
        },
        /user 0: between-chairs spell \d+ is (still open but the user left|open but need 0 is owned)/],
      ['queue counted by urgency', (r) => r.world.services[0].queuedByUrgency[2]++, /counts \[0, \d+, \d+, \d+\] queued needs by urgency but holds \[0, \d+, \d+, \d+\], after event/],
      ['unowned needs counted', (r) => r.world.users[0].unownedNeeds++, /^koordsim invariant broken: user 0: counts \d+ unowned needs but \d+ are unowned, after event/],
      ['caseload lists', (r) => (r.world.hooks.check = () => ['coordinator 3 lists user 17 who is not theirs']), /user 17: coordination: coordinator 3 lists user 17 who is not theirs, after event/],
    ];
    for (const [what, corrupt, message] of cases) {
      const { run, checkNext } = runTo(3000);
      corrupt(run);
      expect(checkNext, what).toThrow(InvariantError);
      expect(() => checkAfterEvent(run.world, { ...run.world.sim.lastFired(), time: run.world.sim.now }, 0), what).toThrow(message);
    }
    const { run } = runTo(10);
    expect(() => checkAfterEvent(run.world, { kind: 'crisis', a: 4, b: 0, time: 1 }, 2)).toThrow(/time went back from day 2, after event crisis\(4, 0\) at day 1/);
  });

  it('koordsim run --check runs a municipality scenario and refuses a queue scenario', async () => {
    let err = '';
    const io: CliIo = { stdout: () => {}, stderr: (s) => (err += s), stderrIsTty: false };
    expect(await main(['run', 'scenarios/hvr-sor-team.json', '--check', '--reps', '1', '--years', '0.5', '--warmup-days', '0'], io)).toBe(0);
    expect(await main(['run', 'scenarios/validation/mmc.json', '--check'], io)).toBe(1);
    expect(err).toContain('--check needs a municipality scenario; scenarios/validation/mmc.json is a queue scenario');
  });
});
