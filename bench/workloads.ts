// The scenario files issue 15's workloads are made of, for bench/run.ts (which names the cases)
// and bench/cases.ts (which runs them).

/** The municipality every scaled case derives from: 50,000 inhabitants, relay design, coordinators. */
export const BASE_50K = 'scenarios/kommune-stafettlop-koordinator.json';
/** The shipped 700,000-inhabitant city. */
export const CITY_700K = 'scenarios/scale/by-700k.json';
