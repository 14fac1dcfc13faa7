import { z } from 'zod';

/**
 * The scenario schema: the single source of the scenario types (`Scenario`, via z.infer), the
 * defaults, the validation errors and the generated `scenarios/schema.json` (`npm run schema`).
 * Nothing else declares a scenario field.
 *
 * Every object is strict, so a misspelt key is an error (with the nearest valid key suggested)
 * rather than a silently ignored setting.
 */

export const FORMAT_VERSION = 1;

const posNumber = (description: string) => z.number().positive().meta({ description });
const nonNegNumber = (description: string) => z.number().min(0).meta({ description });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD');

/** Where a parameter's value comes from: author and year, or "assumption". */
export const SourceRef = z.union([
  z.string().min(1).meta({ description: 'Author and year (e.g. "Vabø 2019"), or "assumption".' }),
  z.strictObject({
    source: z.string().min(1).meta({ description: 'Author and year, or "assumption".' }),
    note: z.string().optional().meta({ description: 'How the value was derived, page or line reference.' }),
  }),
]);

export const Horizon = z
  .strictObject({
    years: z.number().positive().max(10_000).default(10).meta({ description: 'Simulated years per replication (365 days each). The CLI flag --years overrides it.' }),
    warmupDays: z
      .number()
      .min(0)
      .default(0)
      .meta({ description: 'Days simulated before statistics start counting (steady-state studies). 0 for a terminating study.' }),
  })
  .meta({ description: 'How long a replication runs.' });

export const Calendar = z
  .strictObject({
    startDate: isoDate.default('2026-01-01').meta({ description: 'Civil date of simulated day 0.' }),
    alwaysOpen: z
      .boolean()
      .default(false)
      .meta({ description: 'Every hour of every day is working time (textbook queueing validation). Ignores the fields below.' }),
    workdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .default([1, 2, 3, 4, 5])
      .meta({ description: 'ISO weekdays that are working days, 1 = Monday ... 7 = Sunday.' }),
    workdayStartHour: z.number().min(0).max(24).default(8).meta({ description: 'Opening hour of a working day (hours after midnight).' }),
    workdayEndHour: z.number().min(0).max(24).default(15.5).meta({ description: 'Closing hour of a working day (hours after midnight).' }),
    norwegianPublicHolidays: z
      .boolean()
      .default(true)
      .meta({ description: 'Close on Norwegian public holidays (helligdager), Easter-dependent ones computed per year.' }),
    holidays: z.array(isoDate).default([]).meta({ description: 'Extra closed dates (ISO), e.g. municipal planning days.' }),
  })
  .refine((c) => c.alwaysOpen || c.workdayEndHour > c.workdayStartHour, {
    message: 'a closing hour later than workdayStartHour',
    path: ['workdayEndHour'],
  })
  .meta({ description: 'The working calendar: staff capacity counts working hours only.' });

/** A textbook M/M/c queue: one service, Poisson arrivals, exponential service, c staff. */
export const QueueModel = z
  .strictObject({
    arrivalsPerDay: posNumber('Mean arrival rate λ (users per day, Poisson process).'),
    meanServiceDays: posNumber('Mean service time 1/μ (days, exponential).'),
    servers: z.number().int().min(1).max(100_000).meta({ description: 'Number of staff c serving in parallel.' }),
  })
  .meta({ description: 'One service with c staff, Poisson arrivals and exponential service (M/M/c, FIFO).' });

const common = {
  $schema: z.string().optional().meta({ description: 'Path or URL of scenarios/schema.json, for editor autocompletion.' }),
  formatVersion: z.literal(FORMAT_VERSION).meta({ description: 'Scenario format version. This build reads version 1.' }),
  name: z.string().min(1).meta({ description: 'Short human-readable name.' }),
  description: z.string().default('').meta({ description: 'What the scenario represents and what it is for.' }),
  horizon: Horizon.prefault({}),
  calendar: Calendar.prefault({}),
  provenance: z
    .record(z.string(), SourceRef)
    .default({})
    .meta({
      description:
        'Source of each parameter, keyed by JSON pointer (e.g. "/queue/servers"): author and year, or "assumption". Every pointer must name a field of this scenario.',
    }),
};

export const QueueScenario = z
  .strictObject({
    ...common,
    model: z.literal('queue').meta({ description: 'Which model runs this scenario.' }),
    queue: QueueModel,
  })
  .meta({ title: 'koordsim queue scenario (M/M/c validation)' });

/** All scenario kinds, discriminated by `model`. */
export const ScenarioSchema = z.discriminatedUnion('model', [QueueScenario]).meta({
  title: 'koordsim scenario',
  description: 'A koordsim scenario file. See README.md and docs/ for the meaning and source of each parameter.',
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type QueueScenario = z.output<typeof QueueScenario>;
export type CalendarSpec = z.output<typeof Calendar>;
export type ModelName = Scenario['model'];
export const MODEL_NAMES: readonly ModelName[] = ['queue'];

/** The generated JSON Schema (draft 2020-12) for editors and external tools. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' });
  return { $id: 'https://koordsim.example/scenarios/schema.json', ...schema };
}
