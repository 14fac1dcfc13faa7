import { describe, expect, it } from 'vitest';
import { Contact, DELEGATION_MEMORY_DAYS, URGENT_DAYS } from '../../../../src/model/municipality/coordination/contact.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import type { StrainMode } from '../../../../src/model/municipality/coordination/strain.js';
import { makeWorld } from './harness.js';

/** User 1 has coordinator 0 in `mode`; user 2 is owed an IP but has no coordinator; user 3 is not owed one. */
function contactWorld(mode: StrainMode = 'normal', work: Record<string, unknown> = {}) {
  const w = makeWorld({ pools: [{ id: 'p', count: 1 }], work: { directHoursPerCase: 0.5, firstContactHours: 1, contactIntervalDays: 14, ...work } }, { warmupDays: 0 });
  const ports = { assignment: { coordinatorOf: (u: number) => (u === 1 ? 0 : -1) }, strain: { modeOf: () => mode } } as unknown as Ports;
  const contact = new Contact(w.world, ports);
  contact.enrol(1);
  contact.enrol(2);
  return { ...w, contact };
}

const meanOf = (f: () => number, n = 4000) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += f();
  return s / n;
};

describe('routine contact (contact.ts)', () => {
  it("attention is the week's own direct work over the nominal, at most 1; the first contact is recorded once", () => {
    const { contact, sim, rec } = contactWorld();
    contact.caseAssigned(1);
    expect(contact.view(1)).toMatchObject({ firstContact: false, attention: 0.5, assignedAt: 0 });
    sim.runUntil(21);
    contact.contacted(1, 0, true);
    expect(contact.attention(1)).toBe(0);
    expect(contact.view(1).firstContact).toBe(false);
    sim.runUntil(28);
    contact.contacted(1, 0.25, true);
    expect(contact.attention(1)).toBe(0.5);
    contact.contacted(1, 2, true);
    expect(contact.attention(1)).toBe(1);
    expect(rec.firstContactDays).toEqual([28]);
  });

  it('a delegated visit thins the overview for four weeks (delegating)', () => {
    const { contact, sim } = contactWorld();
    expect(contact.recentlyDelegated(1)).toBe(false);
    sim.runUntil(10);
    contact.delegated(1);
    expect(contact.recentlyDelegated(1)).toBe(true);
    expect(contact.recentlyDelegated(2)).toBe(false);
    sim.runUntil(10 + DELEGATION_MEMORY_DAYS);
    expect(contact.recentlyDelegated(1)).toBe(true);
    sim.runUntil(11 + DELEGATION_MEMORY_DAYS);
    expect(contact.recentlyDelegated(1)).toBe(false);
  });

  it('a crisis makes an enrolled user urgent for 14 days', () => {
    const { contact, sim } = contactWorld();
    sim.runUntil(3);
    contact.onCrisis(2);
    contact.onCrisis(3); // not owed an IP: nothing to do
    expect(contact.view(2).urgentUntil).toBe(3 + URGENT_DAYS);
  });

  it('chasing: never without a coordinator or in flight; after interval / attention days; at interval / 2 in fight mode', () => {
    expect(contactWorld().contact.chaseDelay(2)).toBe(Infinity);
    expect(contactWorld().contact.chaseDelay(3)).toBe(Infinity);
    expect(contactWorld('flight').contact.chaseDelay(1)).toBe(Infinity);
    const { contact } = contactWorld();
    contact.caseAssigned(1); // attention 0.5
    expect(meanOf(() => contact.chaseDelay(1))).toBeGreaterThan(28 * 0.9);
    expect(meanOf(() => contact.chaseDelay(1))).toBeLessThan(28 * 1.1);
    contact.contacted(1, 0.01, false); // attention 0.02: the coordinator does not notice
    expect(contact.chaseDelay(1)).toBe(Infinity);
    const fighting = contactWorld('fight').contact;
    fighting.caseAssigned(1);
    fighting.contacted(1, 0, false);
    expect(meanOf(() => fighting.chaseDelay(1))).toBeLessThan(7 * 1.1);
    expect(meanOf(() => fighting.chaseDelay(1))).toBeGreaterThan(7 * 0.9);
  });
});
