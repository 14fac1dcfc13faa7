import { describe, expect, it } from 'vitest';
import { CopingPolicies } from '../../../../src/model/municipality/coordination/coping.js';
import { Eligibility } from '../../../../src/model/municipality/coordination/eligibility.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import type { RequestKind } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import { COPING_POLICIES } from '../../../../src/scenario/coordinationSchema.js';
import { fakeHost, makeWorld, policies } from './harness.js';

/**
 * Users with relatives: 1 and 2. Users 10+ are children (group 1). Coordinator k's own load last
 * week is `loads[k]` (two coordinators, both in the office, home service -1).
 */
function eligibilityWorld(raw: Record<string, unknown>, loads = [0, 0]) {
  const w = makeWorld({ pools: [{ id: 'p', count: 2 }], ...raw });
  const host = fakeHost(w, { userHasRelatives: (u) => u === 1 || u === 2, userGroup: (u) => (u >= 10 ? 1 : 0) });
  const enrolled: number[] = [];
  const requests: [number, RequestKind][] = [];
  const coordinated = new Set<number>();
  const ports = {
    host,
    coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
    enrol: (u: number) => enrolled.push(u),
    week: { loadOf: (k: number) => loads[k] },
    roster: { homeIndex: [-1], posts: [{ id: 0, pool: 0 }, { id: 1, pool: 0 }] },
    assignment: {
      request: (u: number, kind: RequestKind) => requests.push([u, kind]),
      unplaced: (u: number) => !coordinated.has(u) && !requests.some(([r]) => r === u),
      hasCoordinator: (u: number) => coordinated.has(u),
      isGone: () => false,
    },
  } as unknown as Ports;
  ports.coping.counting = true; // count coping uses as inside the window
  const eligibility = new Eligibility(w.world, ports);
  w.on.relativesAsk = (u) => eligibility.relativesAsk(u);
  return { ...w, host, eligibility, enrolled, requests, coordinated };
}

const told = { coordinatingUnit: { reportProbability: 1 }, coping: { informBase: 1, informUnderLoad: 0, loadThreshold: 0.9, policies: policies('withholdIp') } };
const unreported = { ...told, coordinatingUnit: { reportProbability: 0 } };

describe('eligibility and reporting (eligibility.ts)', () => {
  it('a user is owed an IP with at least minNeeds needs, decided once, at the first need', () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 2 } });
    e.eligibility.onNeedEntered(1, 1);
    e.eligibility.onNeedEntered(1, 3); // already decided: not owed
    e.eligibility.onNeedEntered(2, 2);
    expect(e.enrolled).toEqual([2]);
    expect(e.requests).toEqual([[2, 'new']]);
    expect(e.rec.eligibleUsers).toBe(1);
    expect(e.rec.informedUsers).toBe(0); // not yet: the coordinator tells at the first contact
    expect(e.eligibility.ipOffered(0, 2)).toBe(true);
    expect(e.rec.informedUsers).toBe(1);
  });

  it('eligibility.groups restricts the right to the groups named', () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 1, groups: ['children'] } });
    e.eligibility.onNeedEntered(1, 4);
    e.eligibility.onNeedEntered(11, 1);
    expect(e.enrolled).toEqual([11]);
  });

  it('a reported user is always requested a coordinator, however loaded the coordinators are: withholding never withholds the coordinator', () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 1 } }, [5, 5]);
    for (const u of [1, 3]) e.eligibility.onNeedEntered(u, 2);
    expect(e.requests).toEqual([
      [1, 'new'],
      [3, 'new'],
    ]);
    expect(e.host.spells).toEqual([]);
  });

  it("withholdIp is each coordinator's act: an overloaded one keeps quiet, an idle one tells; the successor decides again", () => {
    const e = eligibilityWorld({ ...told, eligibility: { minNeeds: 1 } }, [2, 0]);
    e.eligibility.onNeedEntered(1, 2);
    e.eligibility.onNeedEntered(3, 2);
    expect(e.eligibility.ipOffered(0, 1)).toBe(false); // coordinator 0 is overloaded
    expect(e.eligibility.ipOffered(1, 3)).toBe(true); // coordinator 1, same municipality, is not
    expect(e.eligibility.ipOffered(0, 1)).toBe(false); // decided once
    expect(e.rec.coping[COPING_POLICIES.indexOf('withholdIp')]).toBe(1);
    expect(e.host.spells.map((x) => [x.uid, x.cause, x.end])).toEqual([[1, 'unmetRight', NaN]]);
    // The case changes hands: the idle successor tells, and the unmet right ends.
    e.sim.runUntil(3);
    expect(e.eligibility.ipOffered(1, 1)).toBe(true);
    expect(e.host.spells[0].end).toBe(3);
  });

  it('without withholdIp, or at or below the threshold, the coordinator tells even when busy', () => {
    const off = eligibilityWorld({ ...told, coping: { ...told.coping, policies: policies() }, eligibility: { minNeeds: 1 } }, [2, 2]);
    off.eligibility.onNeedEntered(1, 2);
    expect(off.eligibility.ipOffered(0, 1)).toBe(true);
    const calm = eligibilityWorld({ ...told, eligibility: { minNeeds: 1 } }, [0.9, 0.9]);
    calm.eligibility.onNeedEntered(1, 2);
    expect(calm.eligibility.ipOffered(0, 1)).toBe(true);
  });

  it('relatives or the user can still ask: that ends the unmet right, brings a coordinator if none, and the plan', () => {
    const e = eligibilityWorld({ ...unreported, eligibility: { minNeeds: 1 }, individualPlan: { relativesAskAfterDays: 10, userAsksAfterDays: 100 } });
    e.eligibility.onNeedEntered(1, 2); // relatives
    e.eligibility.onNeedEntered(3, 2); // no relatives: the user asks, later
    expect(e.requests).toEqual([]);
    expect(e.host.spells.map((b) => [b.uid, b.cause, b.start, b.end])).toEqual([
      [1, 'unmetRight', 0, NaN],
      [3, 'unmetRight', 0, NaN],
    ]);
    e.sim.runUntil(100_000);
    expect(e.requests).toEqual([
      [1, 'new'],
      [3, 'new'],
    ]);
    expect(e.host.spells[0].end).toBeLessThan(e.host.spells[1].end);
    expect(e.eligibility.ipOffered(0, 1)).toBe(true); // they asked: no coordinator can keep quiet now
    expect(e.rec.informedUsers).toBe(2);
  });

  it('with userAsksAfterDays null a user without relatives never asks; the spell ends when the user leaves', () => {
    const e = eligibilityWorld({ ...unreported, eligibility: { minNeeds: 1 }, individualPlan: { userAsksAfterDays: null } });
    e.eligibility.onNeedEntered(3, 2);
    e.sim.runUntil(100_000);
    expect(e.requests).toEqual([]);
    expect(e.host.spells[0].end).toBeNaN();
    e.eligibility.onUserExit(3);
    expect(e.host.spells[0].end).toBe(e.sim.now);
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
