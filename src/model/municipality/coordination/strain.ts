import type { CoordinationSpec } from '../../../scenario/coordinationSchema.js';
import { exp } from '../../../engine/detmath.js';

type StrainSpec = CoordinationSpec['strain'];

/** What one coordinator's week did to them. */
export interface StrainWeek {
  /** Hours asked / hours available, before coping. */
  load: number;
  caseload: number;
  /** Unowned needs the coordinator absorbed this week. */
  absorbed: number;
  tenureYears: number;
  hasPeers: boolean;
  /** Coordination hours of the post per week (scales the onset caseload). */
  postHours: number;
}

/** Caseload where emotional strain starts, scaled up for posts with more coordination hours. */
export function onsetCaseload(s: StrainSpec, postHours: number): number {
  return s.onsetCaseload * Math.max(1, postHours / s.onsetHoursPerWeek);
}

/** Factor on strain gains: experience damps them by `experienceDamping` per year, down to the floor. */
export function experienceFactor(s: StrainSpec, tenureYears: number): number {
  return Math.max(s.experienceFloor, 1 - s.experienceDamping * tenureYears);
}

/**
 * Next week's strain (0-1): sustained overload, cases above the onset caseload and absorbed
 * tasks add to it, damped by experience; below full load it recovers, faster with peers.
 */
export function nextStrain(strain: number, w: StrainWeek, s: StrainSpec): number {
  const gain = s.overloadGain * Math.max(0, w.load - 1) + s.perCaseAboveOnset * Math.max(0, w.caseload - onsetCaseload(s, w.postHours)) + s.absorbedPerNeed * w.absorbed;
  let next = strain + experienceFactor(s, w.tenureYears) * gain;
  if (w.load < 1) next -= s.recoveryPerWeek * (w.hasPeers ? 1 + s.peerRelief : 1);
  return next < 0 ? 0 : next > 1 ? 1 : next;
}

/** Chance of leaving within one week: the yearly hazard scaled linearly up to `strainMultiplier` at strain 1. */
export function weeklyTurnoverProbability(t: CoordinationSpec['turnover'], strain: number): number {
  const rate = t.hazardPerYear * (1 + (t.strainMultiplier - 1) * strain);
  return 1 - exp((-rate * 7) / 365);
}

/** Role clarity rises from the novice level towards 1 with tenure (time constant 2 years, assumption). */
export function roleClarity(novice: number, tenureYears: number): number {
  return 1 - (1 - novice) * exp(-tenureYears / 2);
}
