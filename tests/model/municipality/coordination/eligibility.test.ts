import { describe, expect, it } from 'vitest';
import { CopingPolicies } from '../../../../src/model/municipality/coordination/coping.js';
import { Eligibility } from '../../../../src/model/municipality/coordination/eligibility.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import type { RequestKind } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import { fakeHost, makeWorld, policies } from './harness.js';

/** Users with relatives: 1 and 2. Users 10+ are children (group 1). The coordinators' mean load is `load`. */
function eligibilityWorld(raw: Record<string, unknown>, load = 0) {
  const w = makeWorld({ pools: [{ id: 'p', count: 1 }], ...raw });
  const host = fakeHost(w, { userHasRelatives: (u) => u === 1 || u === 2, userGroup: (u) => (u >= 10 ? 1 : 0) });
  const enrolled: number[] = [];
  const requests: [number, RequestKind][] = [];
  const coordinated = new Set<number>();
  const ports = {
    host,
    coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
    enrol: (u: number) => enrolled.push(u),
    week: { meanLoad: () => load },
    assignment: {
      request: (u: number, kind: RequestKind) => requests.push([u, kind]),
      unplaced: (u: number) => !coordinated.has(u) && !requests.some(([r]) => r === u),
      hasCoordinator: (u: number) => coordinated.has(u),
    },
  } as unknown as Ports;
  const eligibility = new Eligibility(w.world, ports);
  w.on.relativesAsk = (u) => eligibility.relativesAsk(u);
  return { ...w, host, eligibility, enrolled, requests, coordinated };
}

const told = { coordinatingUnit: { reportProbability: 1 }, coping: { informBase: 1, informUnderLoad: 0, loadThreshold: 0.9, policies: policies('withholdIp') } };

describe('eligibility and reporting (eligibility.ts)', () => {
  it('a user is owed an IP with at least minNeeds needs, decided once, at the first need', () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 2 } });
    e.eligibility.onNeedEntered(1, 1);
    e.eligibility.onNeedEntered(1, 3); // already decided: not owed
    e.eligibility.onNeedEntered(2, 2);
    expect(e.enrolled).toEqual([2]);
    expect(e.requests).toEqual([[2, 'new']]);
    expect(e.rec.eligibleUsers).toBe(1);
    expect(e.rec.informedUsers).toBe(1);
  });

  it('eligibility.groups restricts the right to the groups named', () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 1, groups: ['children'] } });
    e.eligibility.onNeedEntered(1, 4);
    e.eligibility.onNeedEntered(11, 1);
    expect(e.enrolled).toEqual([11]);
  });

  it('withholdIp: under load the family is not told; an unmetRight spell opens, and ends when relatives ask', () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 1 } }, 2);
    e.eligibility.onNeedEntered(1, 2);
    e.eligibility.onNeedEntered(3, 2); // no relatives: nobody asks
    expect(e.requests).toEqual([]);
    expect(e.host.spells.map((b) => [b.uid, b.cause, b.start, b.end])).toEqual([
      [1, 'unmetRight', 0, NaN],
      [3, 'unmetRight', 0, NaN],
    ]);
    e.sim.runUntil(100_000);
    expect(e.requests).toEqual([[1, 'new']]);
    expect(e.host.spells[0].end).toBeGreaterThan(0);
    expect(e.host.spells[1].end).toBeNaN();
    e.eligibility.onUserExit(3);
    expect(e.host.spells[1].end).toBe(e.sim.now);
    expect(e.rec.informedUsers).toBe(0);
  });

  it('without withholdIp, or below the threshold, the family is told even when coordinators are busy', () => {
    const off = eligibilityWorld({ ...told, coping: { ...told.coping, policies: policies() }, eligibility: { minNeeds: 1 } }, 2);
    off.eligibility.onNeedEntered(1, 2);
    expect(off.requests).toEqual([[1, 'new']]);
    const calm = eligibilityWorld({ ...told, eligibility: { minNeeds: 1 } }, 0.8);
    calm.eligibility.onNeedEntered(1, 2);
    expect(calm.requests).toEqual([[1, 'new']]);
  });

  it('relatives carry relativeHoursPerWeek for eligible users without a coordinator, inside the window, until the user leaves', () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 1 }, relativeHoursPerWeek: 5 });
    for (const u of [1, 2, 3]) e.eligibility.onNeedEntered(u, 2);
    e.coordinated.add(2);
    e.eligibility.relativesWeek(true);
    expect(e.rec.relativeHours).toBe(5); // user 1 only: 2 has a coordinator, 3 no relatives
    e.eligibility.relativesWeek(false);
    expect(e.rec.relativeHours).toBe(5);
    e.eligibility.onUserExit(1);
    e.eligibility.relativesWeek(true);
    expect(e.rec.relativeHours).toBe(5);
    expect([...e.eligibility.users()]).toEqual([2, 3]);
  });
});
