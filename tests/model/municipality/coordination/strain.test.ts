import { describe, expect, it } from 'vitest';
import { CopingPolicies } from '../../../../src/model/municipality/coordination/coping.js';
import { Coordinator } from '../../../../src/model/municipality/coordination/coordinator.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import { nextStrain, Strain, type StrainWeek } from '../../../../src/model/municipality/coordination/strain.js';
import { makeWorld, policies } from './harness.js';

const spec = makeWorld({ pools: [{ id: 'p', count: 1 }] }).spec.strain;
const week = (w: Partial<StrainWeek>): StrainWeek => ({ load: 1, caseload: 0, absorbed: 0, tenureYears: 0, hasPeers: false, postHours: 10, ...w });

describe('the strain law (strain.ts)', () => {
  it('overload, cases above the onset and absorbed needs add strain; experience damps the gain', () => {
    expect(nextStrain(0.2, week({ load: 1.5 }), spec)).toBeGreaterThan(0.2);
    expect(nextStrain(0.2, week({ caseload: 20 }), spec)).toBeGreaterThan(0.2);
    expect(nextStrain(0.2, week({ caseload: 8 }), spec)).toBe(0.2); // at the onset: nothing yet
    expect(nextStrain(0.2, week({ absorbed: 5 }), spec)).toBeGreaterThan(0.2);
    expect(nextStrain(0.2, week({ load: 2, tenureYears: 8 }), spec)).toBeLessThan(nextStrain(0.2, week({ load: 2 }), spec));
  });

  it('below full load strain recovers, faster with peers, and stays within 0-1', () => {
    const alone = nextStrain(0.5, week({ load: 0.5 }), spec);
    const peers = nextStrain(0.5, week({ load: 0.5, hasPeers: true }), spec);
    expect(alone).toBeLessThan(0.5);
    expect(peers).toBeLessThan(alone);
    expect(nextStrain(0.01, week({ load: 0 }), spec)).toBe(0);
    expect(nextStrain(0.99, week({ load: 100 }), spec)).toBe(1);
  });

  it('a post with more coordination hours starts to strain at a higher caseload', () => {
    expect(nextStrain(0.2, week({ caseload: 12, postHours: 37.5 }), spec)).toBe(0.2);
    expect(nextStrain(0.2, week({ caseload: 12, postHours: 10 }), spec)).toBeGreaterThan(0.2);
  });
});

function strainWorld(coping: Record<string, unknown>, strain: Record<string, unknown> = {}) {
  const w = makeWorld({ pools: [{ id: 'p', count: 1 }], coping, strain: { overloadGain: 1, recoveryPerWeek: 0.25, experienceDamping: 0, ...strain } });
  const ports = {
    roster: { posts: [new Coordinator(0, 0, w.spec.pools[0], 0, 0)], homeIndex: [-1] },
    coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
  } as unknown as Ports;
  const s = new Strain(w.world, ports);
  s.addPost(0);
  return s;
}

describe('fight or flight and blocked advocacy (strain.ts)', () => {
  it('above fightFlightStrain a clear-roled coordinator fights, and returns to normal 0.1 below it', () => {
    const s = strainWorld({ policies: policies('fightFlight'), fightFlightStrain: 0.5, fightShare: 1 });
    s.weekly(0, 2, 5, 0, false, 1);
    expect(s.strainOf(0)).toBe(1);
    expect(s.modeOf(0)).toBe('fight');
    const modes: string[] = [];
    for (let i = 0; i < 3; i++) {
      s.weekly(0, 0.5, 5, 0, false, 1);
      modes.push(s.modeOf(0));
    }
    expect(modes).toEqual(['fight', 'fight', 'normal']); // 0.75, 0.5 (not below 0.4), 0.25
  });

  it('with no role clarity and fightShare 0 the coordinator flees; with the policy off nothing changes', () => {
    const fleeing = strainWorld({ policies: policies('fightFlight'), fightFlightStrain: 0.5, fightShare: 0 });
    fleeing.weekly(0, 2, 5, 0, false, 0);
    expect(fleeing.modeOf(0)).toBe('flight');
    const off = strainWorld({ policies: policies(), fightFlightStrain: 0.5 });
    off.weekly(0, 2, 5, 0, false, 1);
    expect(off.modeOf(0)).toBe('normal');
  });

  it('blocked advocacy adds strain, twice as much in fight mode; a KE override adds blockedAdvocacy', () => {
    const calm = strainWorld({ policies: policies() }, { blockedAdvocacy: 0.1 });
    calm.advocacyBlocked(0);
    expect(calm.strainOf(0)).toBeCloseTo(0.1, 12);
    calm.overruled(0);
    expect(calm.strainOf(0)).toBeCloseTo(0.2, 12);
    const fighting = strainWorld({ policies: policies('fightFlight'), fightFlightStrain: 0.5, fightShare: 1 }, { blockedAdvocacy: 0.1 });
    fighting.weekly(0, 1.6, 5, 0, false, 1); // strain 0.6: fight
    expect(fighting.modeOf(0)).toBe('fight');
    fighting.advocacyBlocked(0);
    expect(fighting.strainOf(0)).toBeCloseTo(0.8, 12);
    for (let i = 0; i < 5; i++) fighting.advocacyBlocked(0);
    expect(fighting.strainOf(0)).toBe(1);
  });
});
