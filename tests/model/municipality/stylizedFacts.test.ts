import { describe, expect, it } from 'vitest';
import { runMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import { col, edit, loadScenario, mean, metricsOver, paired } from './helpers.js';
import { figure } from '../../validation/figure.js';

/**
 * The domain brief's validation patterns (§7) that Model I must reproduce, each over paired
 * replications (common random numbers) so that the direction is asserted with its 95% interval,
 * never from one lucky run.
 */
const NORD = loadScenario('scenarios/hvr-nord-stafett.json');
const SOR = loadScenario('scenarios/hvr-sor-team.json');
const REPS = 10;

describe('pattern 1: relay vs team in everyday rehabilitation (Vabø 2019)', () => {
  const relay = metricsOver(NORD, REPS);
  const team = metricsOver(SOR, REPS);

  it('the relay serves about a quarter as many users', () => {
    const ratio = mean(col(relay, 'usersServed')) / mean(col(team, 'usersServed'));
    figure({ pattern: 1, label: 'users served, relay / team', value: ratio });
    expect(ratio).toBeGreaterThan(0.15);
    expect(ratio).toBeLessThan(0.4);
  });

  it('the relay enters users later in their decline', () => {
    const d = paired(relay, team, 'entryFunction.mean'); // team - relay
    figure({ pattern: 1, label: 'functional level at entry, team − relay', value: d.mean, ci95: d.ci95 });
    expect(d.ci95[0]).toBeGreaterThan(0.1);
  });

  it('the relay adjusts plans less', () => {
    expect(mean(col(relay, 'planAdjustments'))).toBeLessThan(0.5 * mean(col(team, 'planAdjustments')));
    // Per crisis in service, not only in total (the relay has fewer users): the news has to travel
    // back over the relay's channel to the therapists who own the plan; the team owns its own.
    const d = paired(relay, team, 'planAdjustedShare'); // team - relay
    figure({ pattern: 1, label: 'crises with the plan adjusted, team − relay', value: d.mean, ci95: d.ci95, unit: 'share' });
    expect(d.ci95[0]).toBeGreaterThan(0);
  });

  it('the relay adjusts less because its handoffs lose the news: with lossless channels it adjusts as often as the team', () => {
    const lossless = edit(NORD, (s) => {
      for (const c of Object.values(s.municipality.channels)) {
        c.lostProbability = 0;
        c.infoLossProbability = 0;
      }
    });
    const runs = metricsOver(lossless, REPS);
    expect(mean(col(runs, 'planAdjustedShare'))).toBe(1);
    expect(mean(col(relay, 'planAdjustedShare'))).toBeLessThan(0.95);
  });
});

describe('pattern 2: a low threshold with active case-finding raises both served and rejected (Vabø 2019)', () => {
  it('switching case-finding on raises users served and rejections after assessment', () => {
    const off = edit(SOR, (s) => {
      s.municipality.caseFinding.enabled = false;
    });
    const without = metricsOver(off, REPS);
    const withCf = metricsOver(SOR, REPS);
    const served = paired(without, withCf, 'usersServed');
    const rejected = paired(without, withCf, 'rejectedAfterAssessment');
    figure({ pattern: 2, label: 'users served, with − without case-finding', value: served.mean, ci95: served.ci95 });
    figure({ pattern: 2, label: 'rejections after assessment, with − without', value: rejected.mean, ci95: rejected.ci95 });
    expect(served.ci95[0]).toBeGreaterThan(0);
    expect(rejected.ci95[0]).toBeGreaterThan(0);
  });
});

describe('pattern 3 and handoffs: information and users are lost at handoffs, most at segment boundaries', () => {
  it('lossier channels raise between-chairs events', () => {
    const lossy = edit(NORD, (s) => {
      s.municipality.channels.paper.lostProbability = 0.1;
    });
    const d = paired(metricsOver(NORD, REPS), metricsOver(lossy, REPS), 'betweenChairs.events');
    expect(d.ci95[0]).toBeGreaterThan(0);
  });

  it('more handoffs (more legs in the relay) raise between-chairs events and information loss', () => {
    const short = edit(NORD, (s) => {
      const route = s.municipality.design.kind === 'relay' ? s.municipality.design.routes[0] : null;
      route!.legs = route!.legs.filter((l) => l.activity !== 'evaluate' && l.activity !== 'assess');
    });
    const few = metricsOver(short, REPS);
    const many = metricsOver(NORD, REPS);
    expect(paired(few, many, 'handoffsPerUser').ci95[0]).toBeGreaterThan(0.5);
    expect(paired(few, many, 'betweenChairs.events').ci95[0]).toBeGreaterThan(0);
    expect(paired(few, many, 'infoLossEvents').ci95[0]).toBeGreaterThan(0);
  });

  it('losses per crossing are higher at boundaries between levels than inside one level', () => {
    // Route through the specialist level: hospital -> home care is a discharge boundary.
    const s = edit(NORD, (d) => {
      d.municipality.services.push({ ...d.municipality.services[1], id: 'sykehus', label: 'Hospital', level: 'specialist', accepts: [] });
      const route = d.municipality.design.kind === 'relay' ? d.municipality.design.routes[0] : null;
      route!.legs.splice(1, 0, { service: 'sykehus', activity: 'assess', days: 3 });
    });
    let bLost = 0;
    let bN = 0;
    let iLost = 0;
    let iN = 0;
    for (let r = 0; r < REPS; r++) {
      const h = runMunicipality(s, 50 + r).handoffs;
      for (let i = 0; i < h.time.length; i++) {
        const bad = h.lost[i] || h.infoLost[i];
        if (h.boundary[i]) {
          bN++;
          if (bad) bLost++;
        } else if (h.from[i] >= 0) {
          iN++;
          if (bad) iLost++;
        }
      }
    }
    figure({ pattern: 3, label: 'share of crossings losing the referral or its information, at a boundary', value: bLost / bN });
    figure({ pattern: 3, label: 'the same inside one level', value: iLost / iN });
    expect(bN).toBeGreaterThan(500);
    expect(bLost / bN).toBeGreaterThan(1.5 * (iLost / iN));
  });
});

describe('capacity: raising a service capacity lowers its wait', () => {
  it('more team hours, shorter waits', () => {
    const small = edit(SOR, (s) => {
      if (s.municipality.design.kind === 'team') s.municipality.design.team.memberFte = [0.8, 0.8, 0.6, 0.8];
    });
    const d = paired(metricsOver(small, REPS), metricsOver(SOR, REPS), 'waitDays.mean');
    expect(d.ci95[1]).toBeLessThan(0);
  });
});

describe('pattern 10: full-time integrated teams beat part-time cross-functional teams (Ramsdal 2019)', () => {
  it('at equal total hours, a team of part-time members makes users wait longer, later in their decline, at a higher meeting cost', () => {
    const partTime = edit(SOR, (s) => {
      if (s.municipality.design.kind === 'team') {
        const total = s.municipality.design.team.memberFte.reduce((a, b) => a + b, 0);
        s.municipality.design.team.memberFte = Array.from({ length: Math.round(total / 0.3) }, () => 0.3);
      }
    });
    const full = metricsOver(SOR, REPS);
    const part = metricsOver(partTime, REPS);
    const dw = paired(full, part, 'waitDays.mean');
    figure({ pattern: 10, label: 'mean wait, part-time − full-time team', value: dw.mean, ci95: dw.ci95, unit: 'days' });
    expect(dw.ci95[0]).toBeGreaterThan(0);
    expect(paired(full, part, 'entryFunction.mean').ci95[1]).toBeLessThan(0);
    expect(paired(full, part, 'staffHours.meetings').mean).toBeGreaterThan(0);
  });
});
