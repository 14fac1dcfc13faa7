import { expect, it } from 'vitest';
import { bareHeapMmc } from '../../bench/bareHeapMmc.js';
import { jsSimulatorMmc } from '../../bench/jsSimulatorMmc.js';
import { runQueue } from '../../src/model/queue/queueModel.js';
import type { QueueScenario } from '../../src/scenario/schema.js';
import { parseScenario } from '../../src/scenario/validate.js';

// W1 compares speeds only if the three engines simulate the same queue: the same random streams
// and samplers, servers and stopping rule, so the same events up to the same end. The bench checks
// the end time at 10^6 customers; this checks it, and the event count, on small runs.
it.each([
  [9, 10, 1],
  [4.5, 5, 2],
  [0.5, 1, 3],
])('koordsim, the bare heap and js-simulator agree on an M/M/c run (λ %s, c %s, seed %s)', (arrivalsPerDay, servers, seed) => {
  const params = { arrivalsPerDay, meanServiceDays: 1, servers };
  const scenario = parseScenario({ formatVersion: 1, name: 'W1', model: 'queue', horizon: { years: 10_000, warmupDays: 0 }, calendar: { alwaysOpen: true }, queue: params }, 'W1') as QueueScenario;
  const customers = 2_000;
  const k = runQueue(scenario, seed, { stopAfterDepartures: customers });
  const bare = bareHeapMmc(params, seed, customers);
  const peer = jsSimulatorMmc(params, seed, customers);
  expect(k.stoppedEarly).toBe(true);
  expect(bare.now).toBe(k.horizonDays);
  expect(peer.now).toBe(k.horizonDays);
  expect(bare.events).toBe(k.eventsProcessed);
  expect(peer.events).toBe(k.eventsProcessed);
});
