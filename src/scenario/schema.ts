import { z } from 'zod';
import { Coordination, param, paramMeta as about } from './coordinationSchema.js';

/**
 * The scenario schema: the single source of the scenario types (`Scenario`, via z.infer), the
 * defaults, the validation errors and the generated `scenarios/schema.json` (`npm run schema`).
 * Nothing else declares a scenario field.
 *
 * Every object is strict, so a misspelt key is an error (with the nearest valid key suggested)
 * rather than a silently ignored setting.
 */

export const FORMAT_VERSION = 1;

const posNumber = (description: string, unit: string, source: string) => param(z.number().positive(), description, unit, source);
const nonNegNumber = (description: string, unit: string, source: string) => param(z.number().min(0), description, unit, source);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, 'a real calendar date YYYY-MM-DD');

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
    years: z.number().positive().max(10_000).default(10).meta(about('Simulated years per replication (365 days each). The CLI flag --years overrides it.', 'years', 'study design')),
    warmupDays: z
      .number()
      .min(0)
      .default(0)
      .meta(about('Days simulated before statistics start counting (steady-state studies). 0 for a terminating study.', 'days', 'study design (choose it with koordsim warmup)')),
  })
  .meta({ description: 'How long a replication runs.' });

export const Calendar = z
  .strictObject({
    startDate: isoDate.default('2026-01-01').meta(about('Civil date of simulated day 0.', 'date', 'study design')),
    alwaysOpen: z
      .boolean()
      .default(false)
      .meta(about('Every hour of every day is working time (textbook queueing validation). Ignores the fields below.', 'true/false', 'study design (true only for textbook queueing validation)')),
    workdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .refine((ds) => new Set(ds).size === ds.length, 'each weekday at most once')
      .default([1, 2, 3, 4, 5])
      .meta(about('ISO weekdays that are working days, 1 = Monday ... 7 = Sunday.', 'ISO weekdays', 'assumption (the Norwegian five-day working week)')),
    workdayStartHour: z.number().min(0).max(24).default(8).meta(about('Opening hour of a working day (hours after midnight).', 'hour of day', 'assumption (a public-sector working day 08:00-15:30, 37.5 h a week)')),
    workdayEndHour: z.number().min(0).max(24).default(15.5).meta(about('Closing hour of a working day (hours after midnight).', 'hour of day', 'assumption (a public-sector working day 08:00-15:30, 37.5 h a week)')),
    norwegianPublicHolidays: z
      .boolean()
      .default(true)
      .meta(about('Close on Norwegian public holidays (helligdager), Easter-dependent ones computed per year.', 'true/false', 'assumption (municipal offices close on public holidays)')),
    holidays: z.array(isoDate).default([]).meta(about('Extra closed dates (ISO), e.g. municipal planning days.', 'ISO dates', 'scenario')),
  })
  .refine((c) => c.alwaysOpen || c.workdayEndHour > c.workdayStartHour, {
    message: 'a closing hour later than workdayStartHour',
    path: ['workdayEndHour'],
  })
  .meta({ description: 'The working calendar: staff capacity counts working hours only.' });

/** A textbook M/M/c queue: one service, Poisson arrivals, exponential service, c staff. */
export const QueueModel = z
  .strictObject({
    arrivalsPerDay: posNumber('Mean arrival rate λ (users per day, Poisson process).', 'users/day', 'scenario'),
    meanServiceDays: posNumber('Mean service time 1/μ (days, exponential).', 'days', 'scenario'),
    servers: z.number().int().min(1).max(100_000).meta(about('Number of staff c serving in parallel.', 'staff', 'scenario')),
  })
  .meta({ description: 'One service with c staff, Poisson arrivals and exponential service (M/M/c, FIFO).' });

const id = z.string().regex(/^[A-Za-z][\w-]*$/, 'an id of letters, digits, "-" or "_", starting with a letter');

const bilingual = (what: string) =>
  z
    .strictObject({
      nb: z.string().min(1).meta({ description: `${what}, in Norwegian bokmål.` }),
      en: z.string().min(1).meta({ description: `${what}, in English.` }),
    })
    .meta({ description: `${what}, in bokmål and English.` });

/**
 * The names a person reads, in both languages: the scenario's own and those of its services, user
 * groups and coordinator pools (by id). Documentation only, like `name`: not in the scenario hash.
 */
export const ScenarioLabel = z
  .strictObject({
    nb: z.string().min(1).meta({ description: "The scenario's name, in Norwegian bokmål." }),
    en: z.string().min(1).meta({ description: "The scenario's name, in English." }),
    services: z.record(id, bilingual('The name of the service')).optional().meta({ description: 'Names of services (and of the integrated team) by id.' }),
    userGroups: z.record(id, bilingual('The name of the user group')).optional().meta({ description: 'Names of user groups by id.' }),
    pools: z.record(id, bilingual('The name of the coordinator pool')).optional().meta({ description: 'Names of coordinator pools by id.' }),
  })
  .meta({ description: 'Names as the dashboard shows them, in bokmål and English: the scenario and, by id, its services, user groups and coordinator pools.' });
export type ScenarioLabelT = z.infer<typeof ScenarioLabel>;

/** Notes for teaching with a scenario: shown by the dashboard before and after a run. */
export const Teaching = z
  .strictObject({
    narrative: bilingual('The situation the scenario tells, in a few sentences'),
    predict: bilingual('A question for the students to answer before running'),
    notice: z.array(bilingual('One thing to notice in the results')).max(10).default([]),
  })
  .meta({ description: 'Teaching notes: a narrative, a question to predict before running, and things to notice.' });
export type TeachingT = z.infer<typeof Teaching>;

const common = {
  $schema: z.string().optional().meta({ description: 'Path or URL of scenarios/schema.json, for editor autocompletion.' }),
  formatVersion: z.literal(FORMAT_VERSION).meta({ description: 'Scenario format version. This build reads version 1.' }),
  name: z.string().min(1).meta({ description: 'Short human-readable name.' }),
  description: z.string().default('').meta({ description: 'What the scenario represents and what it is for.' }),
  label: ScenarioLabel.optional(),
  teaching: Teaching.nullable().default(null),
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


// ------------------------------------------------------------------------------------------------
// The municipality model (Model I): users, needs, services, handoffs, coordination designs.

const share = (description: string, source: string, unit = 'share 0-1') => param(z.number().min(0).max(1), description, unit, source);

export const NeedSpec = z
  .strictObject({
    type: id.meta(about('Need type. Services accept need types in their mandate; a type no service accepts is a grey zone.', 'need type', 'scenario')),
    probability: share('Share of the group that has this need.', 'assumption').default(1),
    hoursPerWeek: nonNegNumber('Staff hours per week the need takes while a service works on it.', 'h/week', 'assumption').default(2),
    episodeDays: posNumber('Mean length of one episode of service (days of work at the delivering service).', 'days', 'assumption').default(42),
    episodeCv: z.number().min(0).max(5).default(1).meta(about('Coefficient of variation of episode length (gamma); 1 = exponential.', '-', 'assumption')),
    opensAfterDays: nonNegNumber('Mean delay (exponential) from the user entering to the need opening; 0 = open at once.', 'days', 'assumption').default(0),
    reopenProbability: share('Chance that the need re-opens after an episode closes.', 'assumption (0 = never; Florell 2022 for ROP users: what is fixed on Friday must be fixed again on Monday)').default(0),
    reopenAfterDays: posNumber('Mean time (exponential) until a closed need re-opens, when it does.', 'days', 'assumption').default(30),
    urgency: z.number().int().min(1).max(3).default(2).meta(about('Urgency, 1 (low) to 3 (high): used by urgency-first intake queues.', 'level 1-3', 'assumption')),
    functionGain: z.number().min(0).max(1).default(0).meta(about('Rise in functional level (0-1) when an episode is completed (e.g. rehabilitation).', 'function 0-1', 'assumption')),
  })
  .meta({ description: 'A need: what it asks of services and how it evolves.' });

export const UserGroup = z
  .strictObject({
    id,
    label: z.string().default(''),
    incidencePer1000PerYear: nonNegNumber('New users per 1000 inhabitants per year (Poisson, with seasonality).', 'users/1000 inhabitants/year', 'scenario'),
    initialStockPer1000: nonNegNumber('Existing users per 1000 inhabitants at the start of the run.', 'users/1000 inhabitants', 'assumption').default(0),
    seasonality: z
      .strictObject({
        amplitude: share('Relative amplitude of the yearly sinusoidal variation of arrivals (0 = none).', 'assumption (0 = none; Systad 2021: applications peak around the autumn break and before February)').default(0),
        peakDayOfYear: z.number().min(0).max(365).default(0).meta(about('Day of the year arrivals peak.', 'day of year', 'assumption')),
      })
      .prefault({}),
    ageYears: z
      .strictObject({
        min: z.number().min(0).max(120).default(70).meta(about('Youngest age at arrival.', 'years', 'assumption (older people in everyday rehabilitation)')),
        max: z.number().min(0).max(120).default(90).meta(about('Oldest age at arrival.', 'years', 'assumption (older people in everyday rehabilitation)')),
      })
      .prefault({})
      .meta({ description: 'Age at arrival, uniform between min and max (years).' }),
    ageOutAtYears: z.number().min(0).max(130).nullable().default(null).meta(about('Age at which users leave the group (e.g. 18 for children); null = never.', 'years', 'scenario (18 for children: Systad 2021; Rorgemoen 2020)')),
    function: z
      .strictObject({
        initialMin: share('Lowest functional level at arrival (0 = fully dependent, 1 = fully independent).', 'assumption', 'function 0-1').default(0.4),
        initialMax: share('Highest functional level at arrival.', 'assumption', 'function 0-1').default(0.9),
        declinePerYear: nonNegNumber('Linear decline of functional level per year.', 'function/year', 'assumption').default(0),
        crisisRatePerYear: nonNegNumber('Crises per user per year (Poisson).', 'crises/year', 'assumption (0 = none; Florell 2022: crises and fluctuating function in ROP users)').default(0),
        crisisDrop: share('Immediate drop in functional level in a crisis; it recovers with the half-life below.', 'assumption', 'function 0-1').default(0.2),
        crisisHalfLifeDays: posNumber('Half-life of a crisis drop (days).', 'days', 'assumption').default(30),
      })
      .prefault({}),
    needs: z.array(NeedSpec).min(1),
    referral: z
      .strictObject({
        belowFunction: share('Users (or their GP) refer themselves once their functional level is below this.', 'assumption', 'function 0-1').default(1),
        meanDelayDays: nonNegNumber('Mean delay (exponential) from a need being referable to the self-referral.', 'days', 'assumption').default(14),
      })
      .prefault({}),
    exits: z
      .strictObject({
        deathRatePerYear: nonNegNumber('Death hazard per year at functional level 1; doubles at level 0.', '1/year', 'assumption').default(0.05),
        moveRatePerYear: nonNegNumber('Moving away, per year.', '1/year', 'assumption').default(0.03),
        institutionBelowFunction: share('Users move to long-term institutional care when their functional level falls below this.', 'assumption', 'function 0-1').default(0),
        recoveredAfterDays: nonNegNumber('Users leave as recovered after this long with no open need and none pending.', 'days', 'assumption').default(90),
      })
      .prefault({}),
    relativeCoordinates: share('Share of users whose relatives chase lost referrals and carry coordination.', 'assumption (Rorgemoen 2020: relatives carry coordination themselves)').default(0.3),
    noShowProbability: share('Chance a user misses the first contact of a service.', 'assumption (Florell 2022: no-shows are common among ROP users)').default(0),
    disengageAfterSetbacks: z.number().int().min(1).max(100).default(3).meta(about('Refusals and no-shows a user tolerates before disengaging.', 'setbacks', 'assumption')),
  })
  .meta({ description: 'A group of users with its own need profile and dynamics.' });

export const Service = z
  .strictObject({
    id,
    label: z.string().default(''),
    level: z.enum(['municipal', 'specialist']).default('municipal').meta(about('Level of care: a handoff between levels crosses a segment boundary.', 'enum', 'scenario')),
    accepts: z.array(id).default([]).meta(about('Need types in the mandate.', 'need types', 'scenario')),
    staffFte: nonNegNumber('Staff full-time equivalents.', 'FTE', 'scenario'),
    directShare: share('Share of staff hours available for case work (the rest is administration).', 'assumption').default(0.7),
    priority: z.enum(['fifo', 'urgency', 'creaming']).default('fifo').meta(about('Intake queue order: first come, most urgent first, or easiest (highest function) first.', 'enum', 'assumption (Lipsky: creaming; Mathisen 2020: urgent cases first)')),
    assessmentDays: nonNegNumber('Mean days of assessment (kartlegging) after intake, before the decision.', 'days', 'assumption').default(0),
    decisionDelayDays: nonNegNumber('Days from assessment to formal decision (vedtak).', 'days', 'assumption (no source gives a decision delay)').default(0),
    eligibleBelowFunction: share('Only users whose functional level is below this are eligible (1 = everyone).', 'assumption (1 = everyone; Vabø 2019: the relay admits only those who need necessary care)', 'function 0-1').default(1),
    eligibleAboveFunction: share('Only users with at least this functional level are eligible (residual capacity; 0 = everyone).', 'assumption (0 = everyone; Vabø 2019: the team asks for some residual capacity)', 'function 0-1').default(0),
    annualCap: z.number().int().min(0).nullable().default(null).meta(about('Maximum acceptances per simulated year (365 days from day 0; savings cap); null = none.', 'acceptances/year', 'assumption (null = none; Vabø 2019: the savings cap limits how many and who)')),
    turf: share('Chance of refusing or deflecting a need at the door ("not our table"), sending it elsewhere or nowhere.', 'assumption (domain brief §5: "not our table")').default(0),
    maxAgeYears: z.number().min(0).max(130).nullable().default(null).meta(about('Users older than this are handed on (e.g. 18 for child services); null = no limit.', 'years', 'scenario (18 for child services: Systad 2021)')),
    outreach: z.boolean().default(false).meta(about('Follows up no-shows (true) or closes the referral (false).', 'true/false', 'assumption (Florell 2022: partners close the case after a no-show)')),
    pushBack: z
      .strictObject({
        to: param(id, 'The municipal service that holds the user instead ("storage with close follow-up from the municipality").', 'service id', 'Florell 2022 (nr 5: the specialist service asks, almost weekly, for a higher level of care in the municipality)'),
        probability: param(
          z.number().min(0).max(1).default(0.5),
          'Chance that a referral this service has no room for (its hours are taken or others wait) is sent back to the municipality instead of joining the queue.',
          'share 0-1',
          'assumption (Florell 2022 gives "almost weekly", no rate)',
        ),
        hoursFactor: param(
          z.number().min(0).max(10).default(1),
          "The municipal service's hours per week for the returned need, as a multiple of what the leg would have taken here: the bigger decisions (vedtak) the municipality must make.",
          'multiple',
          'assumption (Florell 2022, nr 1: "bigger and bigger decisions")',
        ),
        gainFactor: param(
          z.number().min(0).max(1).default(0.5),
          "The episode's gain in functional level when the municipality holds the user instead of treating them here, as a share of the need's gain: users who are sent back stay sicker.",
          'share 0-1',
          'assumption (Florell 2022, nr 1: "more and more users who are worse and worse")',
        ),
      })
      .nullable()
      .default(null)
      .meta({ description: 'A specialist service with too few beds sends users it has no room for back to the municipality (Florell 2022); null = it queues them. Bed cuts are fewer staffFte here.' }),
  })
  .meta({ description: 'A service or agency.' });

export const Channel = z
  .strictObject({
    delayDays: nonNegNumber('Mean transfer delay (exponential) of a referral.', 'days', 'assumption (Systad 2021: paper is clumsy and systems do not talk; no rates given)').default(3),
    infoLossProbability: share('Chance that information is lost at a handoff: the next assessment takes 1.5 times as long.', 'assumption (Systad 2021: paper is clumsy and systems do not talk; no rates given)').default(0.1),
    lostProbability: share('Chance that the referral itself is lost (dropped baton).', 'assumption (no source gives a rate)').default(0.02),
    adminHours: nonNegNumber('Staff hours to send and receive one referral.', 'h', 'assumption').default(0.5),
  })
  .meta({ description: 'A referral channel.' });

const Leg = z.strictObject({
  service: id.meta(about('Service that does this leg.', 'service id', 'scenario')),
  activity: z.enum(['decide', 'assess', 'deliver', 'evaluate']).default('deliver').meta(about('What the service does in this leg.', 'enum', 'Vabø 2019 (the relay: decide, assess and plan, deliver, evaluate)')),
  days: nonNegNumber('Mean days of work in this leg; defaults to the need episode length for "deliver" legs, 0 for "decide" and 7 for "assess" and "evaluate".', 'days', 'assumption').optional(),
  hoursPerWeek: nonNegNumber("Staff hours per week in this leg; defaults to the need's hours (1 for a decision leg).", 'h/week', 'assumption').optional(),
});

const Route = z.strictObject({
  needTypes: z.array(id).min(1).meta(about('Need types that follow this route.', 'need types', 'scenario')),
  legs: z.array(Leg).min(1),
});

export const RelayDesign = z
  .strictObject({
    kind: z.literal('relay').meta(about('The coordination design: a stafettløp (relay) of sequential legs.', 'enum', 'Vabø 2019 (Nordkommunen)')),
    channel: z.enum(['paper', 'message', 'sharedLog']).default('paper').meta(about('Default channel for handoffs.', 'enum', 'assumption (Systad 2021: paper referrals still in use)')),
    routes: z.array(Route).default([]).meta(about('Sequential legs per need type (stafettløp). Need types without a route go to the first service that accepts them.', 'routes', 'scenario (Vabø 2019: decide, assess, deliver, evaluate)')),
  })
  .meta({ description: 'Stafettløp / relay: sequential legs, each a referral, an intake queue and an assessment.' });

export const TeamDesign = z
  .strictObject({
    kind: z.literal('team').meta(about('The coordination design: an integrated team.', 'enum', 'Vabø 2019 (Sørkommunen); Ramsdal 2019')),
    channel: z.enum(['paper', 'message', 'sharedLog']).default('message').meta(about('Channel for the entry and exit handoffs.', 'enum', 'assumption')),
    team: z.strictObject({
      id: id.default('team'),
      needTypes: z.array(id).min(1).meta(about('Need types the team owns as a shared case.', 'need types', 'scenario')),
      memberFte: z.array(z.number().positive().max(1)).min(1).meta(about('Team share of each member post (1 = full-time in the team).', 'FTE per member', 'scenario (Ramsdal 2019: full-time teams do best)')),
      directShare: share('Share of team hours for case work.', 'assumption').default(0.8),
      jointAssessmentDays: nonNegNumber('All members assess the user within this many days.', 'days', 'Vabø 2019 (every professional sees each user within the first week)').default(7),
      meetingEveryDays: posNumber('Team meeting cadence (days).', 'days', 'Vabø 2019 (weekly meetings)').default(7),
      meetingHours: nonNegNumber('Length of a team meeting (hours per member).', 'h', 'assumption').default(1.5),
      eligibleBelowFunction: share('Team entry threshold (functional level below this).', 'assumption', 'function 0-1').default(1),
      eligibleAboveFunction: share('Residual-capacity floor for team entry.', 'assumption (Vabø 2019: some residual capacity)', 'function 0-1').default(0),
      rampUpDays: nonNegNumber('Days a full-time team needs to reach full effectiveness; part-time teams need this divided by their mean member share.', 'days', 'assumption (Ramsdal 2019: a full-time team soon ran as ordinary operations; part-time teams took "a couple of years")').default(90),
      pullBackPerWeek: share('Weekly chance that a part-time member is pulled back to the home unit for a week (scaled by 1 - member share).', 'assumption (Ramsdal 2019: home units reclaim part-time members)').default(0.1),
      followUpDays: nonNegNumber('The team keeps a closed case this long and adjusts the plan at once if a need re-opens.', 'days', 'assumption').default(90),
      exitTo: id.nullable().default(null).meta(about('Service that takes over after the team (exit handoff); null = none.', 'service id', 'scenario (Vabø 2019: the plan is handed to home care)')),
      exitDays: nonNegNumber('Mean days of follow-up at the exit service.', 'days', 'assumption').default(30),
    }),
  })
  .meta({ description: 'Integrated team: members share the case, meet on a cadence, assess jointly; handoffs only at entry and exit.' });

export const PathwayDesign = z
  .strictObject({
    kind: z.literal('pathway').meta(about('The coordination design: a pathway (pakkeforløp) of stations with time targets.', 'enum', 'Jerndahl Fineide 2019; Vik & Aarseth 2019')),
    channel: z.enum(['paper', 'message', 'sharedLog']).default('message').meta(about('Default channel for handoffs between stations.', 'enum', 'assumption')),
    routes: z.array(Route).default([]).meta(about('Legs per need type, as in the relay; need types without a route go to the first service that accepts them.', 'routes', 'scenario (Jerndahl Fineide 2019: detection, referral, assessment, treatment)')),
    stationTargetDays: param(
      z.number().positive().default(14),
      'Time target per station unless a station sets its own: the owner chases a lost referral within it and escalates a need still waiting for its decision after it.',
      'days',
      'assumption (the pakkeforløp goal "no waiting without a medical reason", Vik & Aarseth 2019, gives no number)',
    ),
    stations: z
      .array(
        z.strictObject({
          service: id.meta(about('The service that is this station.', 'service id', 'scenario')),
          targetDays: param(z.number().positive().optional(), 'Time target at this station (default: stationTargetDays).', 'days', 'assumption'),
          owner: param(
            z.boolean().default(true),
            'The station has an owner (forløpskoordinator) who chases and escalates; false = nobody does (e.g. after treatment start).',
            'true/false',
            'Vik & Aarseth 2019 (the pathway coordinator is active up to treatment start)',
          ),
        }),
      )
      .default([])
      .meta(about('Stations with their own target or without an owner; every other service is a station with stationTargetDays and an owner.', 'stations', 'scenario')),
    escalation: z
      .strictObject({
        enabled: param(z.boolean().default(true), 'The owner escalates an overdue station: a waiting need goes first, an assessed need is decided now.', 'true/false', 'assumption'),
        adminHours: param(z.number().min(0).default(0.5), "Hours of the owner's time per escalation, booked as handoff work.", 'hours', 'assumption'),
      })
      .prefault({}),
  })
  .meta({ description: 'Pathway / pakkeforløp: standard stations with time targets and an owner per station who chases lost referrals and escalates overdue needs.' });

export const MunicipalityModel = z
  .strictObject({
  inhabitants: z.number().int().min(100).max(10_000_000).meta(about('Population of the municipality.', 'persons', 'scenario')),
  userGroups: z.array(UserGroup).min(1),
  services: z.array(Service).min(1),
  channels: z
    .strictObject({
      paper: Channel.prefault({ delayDays: 5, infoLossProbability: 0.15, lostProbability: 0.03 }),
      message: Channel.prefault({ delayDays: 1, infoLossProbability: 0.08, lostProbability: 0.01 }),
      sharedLog: Channel.prefault({ delayDays: 0.5, infoLossProbability: 0.03, lostProbability: 0.005 }),
    })
    .prefault({}),
  boundaryLossMultiplier: z.number().min(1).max(10).default(2).meta(about('Loss probabilities are multiplied by this at segment boundaries (specialist/municipal, age limits).', 'x', 'assumption (Vik & Aarseth 2019: handover at treatment start is difficult; Systad 2021: the age-18 change)')),
  design: z.discriminatedUnion('kind', [RelayDesign, TeamDesign, PathwayDesign]),
  caseFinding: z
    .strictObject({
      enabled: z.boolean().default(false).meta(about('Link persons in each unit look for users who would benefit.', 'true/false', 'Vabø 2019 (Sørkommunen: active case-finding; Nordkommunen: none)')),
      belowFunction: share('Link persons refer users whose functional level is below this.', 'assumption', 'function 0-1').default(0.8),
      contactsPerYear: nonNegNumber('Contacts per user per year in which a link person can spot a need.', 'contacts/year', 'assumption').default(6),
      referralProbability: share('Chance a contact with a referable user leads to a referral.', 'assumption (Vabø 2019: "better to refer too many than too few")').default(0.3),
    })
    .prefault({})
    .meta({ description: 'Active case-finding through link persons in each unit.' }),
  forums: z
    .strictObject({
      everyDays: param(z.number().positive().default(30), 'Days between meetings of the interdisciplinary forums, where each service hears how the others work and how to raise a case with them.', 'days', 'assumption (Helgesen 2019 names the forums, not their cadence)'),
      hoursPerService: param(z.number().min(0).default(2), "Hours each participating service spends per forum meeting; they come off next week's case-work capacity.", 'hours', 'assumption'),
      services: param(z.array(id).default([]), 'Services that take part; empty = every service.', 'service ids', 'assumption'),
      stopAfterDays: param(
        z.number().min(0).nullable().default(null),
        'Day of the run on which the forums end (a shared log replaces them); null = they go on.',
        'days',
        'Helgesen 2019 (BTI: "the interdisciplinary forums have disappeared")',
      ),
      knowledgeLossPerYear: param(
        z.number().min(0).max(1).default(0.083),
        "A service's knowledge of the others and of how to raise a case with them falls by this much per year since it last met them in a forum (linearly, to 0).",
        'share per year',
        'Helgesen 2019 (knowledge of how to raise cases fell about 50 percentage points, 2012-2018, once forums were gone: 0.5 / 6 years)',
      ),
      lossRise: param(
        z.number().min(0).max(10).default(1),
        'A handoff from a service that knows nothing of the others loses its referral or information this many times more often on top of the channel (1 + lossRise x lost knowledge); case-finding refers in proportion to knowledge.',
        'multiple',
        'assumption (Helgesen 2019: BTI "created more distance between the services")',
      ),
    })
    .nullable()
    .default(null)
    .meta({ description: 'Interdisciplinary meeting forums that keep cross-service knowledge up; without them it erodes over years (Helgesen 2019). null = not modelled: knowledge stays full.' }),
  sharedLog: z
    .strictObject({
      adoption: share('Chance that each side of a handoff uses the shared digital log; the log channel is used when both do (adoption squared), one-sided use costs double work.', 'assumption (0 = no shared log; Helgesen 2019: a quarter of staff had held the baton)').default(0),
      doubleWorkHours: nonNegNumber('Extra documentation hours per handoff when only one side uses the log.', 'h', 'assumption (Helgesen 2019: information kept "on the side")').default(0.5),
    })
    .prefault({}),
  governance: z
    .strictObject({
      regime: z.enum(['classic', 'purchaserProvider', 'network']).default('classic').meta(about('Governance regime: classic administration, a purchaser-provider split, or network governance.', 'enum', 'Vabø 2019 (purchaser-provider in Nordkommunen, classic in Sørkommunen)')),
      purchaser: id.nullable().default(null).meta(about('Service id of the purchaser unit (tildelingskontor) under purchaserProvider: routes of the need types in its `accepts` start with a decision there.', 'service id', 'scenario (Vabø 2019: the purchaser unit of Nordkommunen)')),
      networkTurfFactor: share('Under network governance, turf is multiplied by this.', 'assumption', 'x').default(0.5),
    })
    .prefault({})
    .meta({ description: 'Governance regime and its effects.' }),
  unownedThresholdDays: nonNegNumber('A need without an owner for longer than this counts as a between-chairs event.', 'days', 'assumption (domain brief §5: about two weeks)').default(14),
  lostReferralDiscoveryDays: z
    .strictObject({
      withRelatives: posNumber('Mean days until relatives notice a lost referral and re-refer.', 'days', 'assumption').default(21),
      withoutRelatives: posNumber('Mean days until a lost referral is noticed without relatives.', 'days', 'assumption').default(90),
    })
    .prefault({}),
  reapplyAfterDays: posNumber('Mean days before a refused or unowned need is referred again.', 'days', 'assumption').default(60),
  relativeHoursPerWeek: nonNegNumber("Hours per week relatives spend chasing what has no owner (users with relatives); it drains their reserve (relatives.reserveHours) and is counted in the metric relativeHours.", 'h/week', 'assumption (Rorgemoen 2020: relatives carry coordination themselves)').default(3),
  relatives: z
    .strictObject({
      reserveHours: nonNegNumber('Hours of coordination relatives can carry before they are exhausted and stop chasing.', 'h', 'assumption (Rorgemoen 2020: "almost a full-time job" for the most complex)').default(156),
      recoveryHoursPerWeek: nonNegNumber('Hours of that reserve relatives regain per week while nothing of theirs is unowned.', 'h/week', 'assumption').default(1.5),
    })
    .prefault({})
    .meta({ description: "Relatives' strength: a reserve of hours that carrying unowned needs drains and rest refills; exhausted relatives stop chasing lost referrals." }),
  spellEndings: z
    .strictObject({
      lapseAfterDays: param(
        z.number().positive().nullable().default(180),
        'Mean days (exponential) until a need nobody works on lapses: a need with no owner, or one turned down at its first leg and not yet applied for again. It is met elsewhere (ordinary services, collective measures, family) or the user stops asking; it closes without a gain. null = never.',
        'days',
        'assumption (domain brief §5: needs lapse or are met elsewhere; Vabø 2019: those the savings cap turns away get ordinary home care or collective measures)',
      ),
      reRaise: z
        .strictObject({
          relativesAfterDays: param(
            z.number().positive().default(90),
            "Mean days (exponential) until relatives re-raise a need no service's mandate covers (a grey zone) with the municipality's leadership; a user's coordinator re-raises it at a contact instead, if sooner. Users without relatives or a coordinator only wait for the need to lapse.",
            'days',
            'assumption (Rorgemoen 2020: coordinators press from below and report system barriers; Bjørkquist & Jerndahl Fineide 2019: advocates even out the power of services)',
          ),
          directedProbability: param(
            z.number().min(0).max(1).default(0.5),
            'Chance a re-raised grey-zone need gets an owner: the leadership uses its authority to have it met across mandates (an ad hoc arrangement); otherwise it is raised again later.',
            'share 0-1',
            'assumption (Systad 2021: owning a case needs decision authority; Bjørkquist & Jerndahl Fineide 2019: informal cross-mandate solutions)',
          ),
        })
        .prefault({}),
      crisisFindsDisengaged: param(
        z.boolean().default(true),
        'A crisis brings a user who dropped out back into contact with services (emergency room, GP): the user engages again and their needs are referred again. Case-finding and an assigned coordinator find such users too.',
        'true/false',
        'assumption (domain brief §5: outreach finds the user again; Florell 2022: fluctuating function and crises in ROP users)',
      ),
    })
    .prefault({})
    .meta({ description: 'How spells without an owner end besides being re-referred: needs lapse or are met elsewhere, grey-zone needs are re-raised, users who dropped out are found again (docs/model.md §5).' }),
  coordination: Coordination.nullable().default(null),
  trace: z
    .strictObject({
      maxEntries: z.number().int().min(0).max(50_000_000).default(2_000_000).meta(about('Cap on event-log entries per run; later entries are counted but not kept.', 'entries', 'technical (a memory bound, not a model quantity)')),
    })
    .prefault({}),
  })
  .superRefine((m, ctx) => {
    // Cross-references: every id a scenario uses must name something it defines.
    const services = m.services.map((s) => s.id);
    const known = new Set(services);
    const dup = (ids: string[], path: (i: number) => PropertyKey[], what: string) =>
      ids.forEach((x, i) => {
        if (ids.indexOf(x) !== i) ctx.addIssue({ code: 'custom', path: path(i), message: `a ${what} id not used before (ids must be unique)` });
      });
    dup(services, (i) => ['services', i, 'id'], 'service');
    dup(m.userGroups.map((g) => g.id), (i) => ['userGroups', i, 'id'], 'user group');
    const ref = (x: string, path: PropertyKey[]) => {
      if (!known.has(x)) ctx.addIssue({ code: 'custom', path, message: `the id of a service in $.municipality.services (${services.join(', ')})` });
    };
    const d = m.design;
    if (d.kind === 'team') {
      if (known.has(d.team.id)) ctx.addIssue({ code: 'custom', path: ['design', 'team', 'id'], message: 'a team id that is not also a service id' });
      if (d.team.exitTo !== null) ref(d.team.exitTo, ['design', 'team', 'exitTo']);
    } else {
      d.routes.forEach((r, ri) => r.legs.forEach((l, li) => ref(l.service, ['design', 'routes', ri, 'legs', li, 'service'])));
      if (d.kind === 'pathway') d.stations.forEach((st, i) => ref(st.service, ['design', 'stations', i, 'service']));
    }
    if (m.governance.purchaser !== null) ref(m.governance.purchaser, ['governance', 'purchaser']);
    m.services.forEach((s, i) => {
      if (s.pushBack === null) return;
      ref(s.pushBack.to, ['services', i, 'pushBack', 'to']);
      if (s.pushBack.to === s.id) ctx.addIssue({ code: 'custom', path: ['services', i, 'pushBack', 'to'], message: 'another service than the one that sends the user back' });
    });
    m.forums?.services.forEach((x, i) => ref(x, ['forums', 'services', i]));
    const c = m.coordination;
    if (c !== null) {
      const groups = m.userGroups.map((g) => g.id);
      const groupRef = (x: string, path: PropertyKey[]) => {
        if (!groups.includes(x)) ctx.addIssue({ code: 'custom', path, message: `the id of a user group in $.municipality.userGroups (${groups.join(', ')})` });
      };
      dup(c.pools.map((p) => p.id), (i) => ['coordination', 'pools', i, 'id'], 'coordinator pool');
      c.eligibility.groups.forEach((g, i) => groupRef(g, ['coordination', 'eligibility', 'groups', i]));
      c.pools.forEach((p, pi) => {
        if (p.homeService !== null) ref(p.homeService, ['coordination', 'pools', pi, 'homeService']);
        p.niche.forEach((g, i) => groupRef(g, ['coordination', 'pools', pi, 'niche', i]));
        if (p.tenureYears.max < p.tenureYears.min) ctx.addIssue({ code: 'custom', path: ['coordination', 'pools', pi, 'tenureYears', 'max'], message: 'a tenure >= tenureYears.min' });
      });
    }
    m.userGroups.forEach((g, gi) => {
      if (g.ageYears.max < g.ageYears.min) ctx.addIssue({ code: 'custom', path: ['userGroups', gi, 'ageYears', 'max'], message: 'an age >= ageYears.min' });
      if (g.function.initialMax < g.function.initialMin) ctx.addIssue({ code: 'custom', path: ['userGroups', gi, 'function', 'initialMax'], message: 'a level >= function.initialMin' });
    });
  });

export const MunicipalityScenario = z
  .strictObject({
    ...common,
    model: z.literal('municipality'),
    municipality: MunicipalityModel,
  })
  .superRefine((s, ctx) => {
    // The names in `label` are for ids the scenario defines.
    const m = s.municipality;
    const names = (key: 'services' | 'userGroups' | 'pools', ids: string[], what: string) => {
      for (const x of Object.keys(s.label?.[key] ?? {})) {
        if (!ids.includes(x)) ctx.addIssue({ code: 'custom', path: ['label', key, x], message: `the id of a ${what} of this scenario (${ids.join(', ')})` });
      }
    };
    names('services', [...m.services.map((x) => x.id), ...(m.design.kind === 'team' ? [m.design.team.id] : [])], 'service');
    names('userGroups', m.userGroups.map((g) => g.id), 'user group');
    names('pools', m.coordination?.pools.map((p) => p.id) ?? [], 'coordinator pool');
  })
  .meta({ title: 'koordsim municipality scenario (Models I and II)' });

/** All scenario kinds, discriminated by `model`. */
export const ScenarioSchema = z.discriminatedUnion('model', [QueueScenario, MunicipalityScenario]).meta({
  title: 'koordsim scenario',
  description: 'A koordsim scenario file. See README.md and docs/ for the meaning and source of each parameter.',
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type QueueScenario = z.output<typeof QueueScenario>;
export type CalendarSpec = z.output<typeof Calendar>;
export type ModelName = Scenario['model'];
export const MODEL_NAMES: readonly ModelName[] = ['queue', 'municipality'];
export type MunicipalityScenario = z.output<typeof MunicipalityScenario>;
export type MunicipalitySpec = z.output<typeof MunicipalityModel>;
export type UserGroupSpec = z.output<typeof UserGroup>;
export type ServiceSpec = z.output<typeof Service>;
export type NeedSpecT = z.output<typeof NeedSpec>;
export type ChannelSpec = z.output<typeof Channel>;
export type DesignSpec = MunicipalitySpec['design'];
export type { CoordinationSpec, CoordinatorPoolSpec, CopingPolicy } from './coordinationSchema.js';

/** The generated JSON Schema (draft 2020-12) for editors and external tools. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' });
  return { $id: 'https://koordsim.example/scenarios/schema.json', ...schema };
}
