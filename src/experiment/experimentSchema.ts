import { z } from 'zod';

/**
 * Experiment files (`koordsim sweep EXPERIMENT.json`): a base scenario, the parameters to vary by
 * JSON path, a design (full grid, Latin hypercube, Morris screening, one at a time), replications
 * and metrics. One schema, as for scenarios: the types, the defaults, the validation errors and
 * `scenarios/experiment.schema.json` come from here.
 */

export const EXPERIMENT_FORMAT_VERSION = 1;

const value = z.union([z.number(), z.string(), z.boolean()]);

const Range = z
  .strictObject({
    min: z.number().meta({ description: 'Lowest value.' }),
    max: z.number().meta({ description: 'Highest value (greater than min).' }),
    steps: z.number().int().min(2).max(1000).optional().meta({ description: 'Number of evenly spaced values from min to max, for a grid (and for one-at-a-time: min and max are used).' }),
    integer: z.boolean().default(false).meta({ description: 'Round values to whole numbers (counts of staff, caseload caps).' }),
  })
  .refine((r) => r.max > r.min, { message: 'max must be greater than min', path: ['max'] })
  .meta({ description: 'A numeric range.' });

/** A name in both languages, for the dashboard. Documentation only: not in the experiment hash. */
const bilingualName = (what: string) =>
  z
    .strictObject({
      nb: z.string().min(1).meta({ description: `${what}, in Norwegian bokmål.` }),
      en: z.string().min(1).meta({ description: `${what}, in English.` }),
    })
    .meta({ description: `${what}, in bokmål and English, as the dashboard shows it (not part of the experiment hash).` });

export const Parameter = z
  .strictObject({
    label: bilingualName('The parameter in plain words').optional(),
    name: z
      .string()
      .regex(/^[A-Za-z][\w.-]*$/, 'a name of letters, digits, ".", "_" or "-", starting with a letter')
      .optional()
      .meta({ description: 'Column name in the results (default: the last key of the path).' }),
    path: z
      .string()
      .regex(/^\$(\.[A-Za-z_$][\w$]*|\[\d+\])+$/, 'a JSON path such as $.municipality.coordination.pools[0].count')
      .meta({ description: 'Where the value goes in the scenario, as a JSON path ($.a.b[0].c).' }),
    values: z.array(value).min(1).optional().meta({ description: 'The values to try, in order.' }),
    range: Range.optional(),
    base: value.optional().meta({ description: 'The base value for one-at-a-time designs (default: the scenario\'s own value).' }),
  })
  .refine((p) => (p.values === undefined) !== (p.range === undefined), { message: 'exactly one of "values" or "range"', path: ['values'] })
  .meta({ description: 'One parameter to vary.' });
export type ParameterT = z.output<typeof Parameter>;

export const DesignSpec = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('grid').meta({ description: 'Every combination of the values (ranges need steps).' }) }),
    z.strictObject({
      kind: z.literal('lhs').meta({ description: 'Latin hypercube sample.' }),
      samples: z.number().int().min(1).max(100_000).meta({ description: 'Number of points.' }),
    }),
    z.strictObject({
      kind: z.literal('morris').meta({ description: 'Morris elementary effects (screening).' }),
      trajectories: z.number().int().min(1).max(1000).default(10).meta({ description: 'Number of one-at-a-time trajectories r.' }),
      levels: z.number().int().min(2).max(100).default(4).meta({ description: 'Grid levels p (even).' }),
    }),
    z.strictObject({ kind: z.literal('oat').meta({ description: 'One at a time: the base, then each parameter at its low and high value (tornado).' }) }),
  ])
  .meta({ description: 'How the parameter values are combined into points.' });
export type DesignSpecT = z.output<typeof DesignSpec>;

export const ExperimentSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path of the experiment JSON Schema, for editors.' }),
    formatVersion: z.literal(EXPERIMENT_FORMAT_VERSION).meta({ description: 'Experiment format version. This build reads version 1.' }),
    name: z.string().min(1).meta({ description: 'Short human-readable name.' }),
    description: z.string().default('').meta({ description: 'What the experiment asks.' }),
    label: bilingualName("The experiment's name").optional(),
    scenario: z.string().min(1).meta({ description: 'The base scenario file, relative to this experiment file.' }),
    seed: z.number().int().default(1).meta({ description: 'Master seed. Replication r of every point uses seed + r: common random numbers across points.' }),
    replications: z.number().int().min(1).max(100_000).default(10).meta({ description: 'Replications per point.' }),
    years: z.number().positive().max(200).nullable().default(null).meta({ description: 'Simulated years per replication (null: the scenario\'s horizon).' }),
    warmupDays: z.number().int().min(0).optional().meta({ description: "Warm-up in days, discarded from every metric (absent: the scenario's horizon.warmupDays; 0 for a terminating study)." }),
    metrics: z.array(z.string().min(1)).default([]).meta({ description: 'Metrics to keep in the results (empty: all the scenario reports).' }),
    parameters: z.array(Parameter).min(1).max(50).meta({ description: 'The parameters to vary.' }),
    design: DesignSpec.prefault({ kind: 'grid' }),
  })
  .meta({ description: 'A koordsim experiment: a base scenario, parameters to vary, a design, replications and metrics.' });
export type Experiment = z.output<typeof ExperimentSchema>;

export function experimentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ExperimentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
