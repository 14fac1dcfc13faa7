import { z } from 'zod';
import { COPING_POLICIES as NAMES, type CopingPolicyName } from './copingPolicyNames.js';

/**
 * The `municipality.coordination` section (Model II): coordinators as street-level bureaucrats
 * (Lipsky) and boundary spanners (Williams), the coordinating unit (koordinerende enhet, KE),
 * individual plans (IP) and responsibility groups (ansvarsgruppe).
 *
 * Every parameter carries its meaning, unit and source in its metadata (`x-unit`, `x-source`);
 * the README's coordinator parameter table is generated from them (`npm run docs:params`), so the
 * table cannot drift from the code. "assumption" marks our own values.
 */

const id = z.string().regex(/^[A-Za-z][\w-]*$/, 'an id of letters, digits, "-" or "_", starting with a letter');

/** A parameter's metadata: meaning, unit and source, all shown in the README. */
export function param<T extends z.ZodType>(schema: T, description: string, unit: string, source: string): T {
  return schema.meta(paramMeta(description, unit, source)) as T;
}
/** The metadata param() attaches, for a field whose schema is built in a chain. */
export function paramMeta(description: string, unit: string, source: string) {
  return { description: `${description} [${unit}; ${source}]`, 'x-unit': unit, 'x-source': source };
}
const share = (d: string, def: number, source: string, unit = 'share 0-1') => param(z.number().min(0).max(1).default(def), d, unit, source);
const nonNeg = (d: string, def: number, unit: string, source: string) => param(z.number().min(0).default(def), d, unit, source);
const pos = (d: string, def: number, unit: string, source: string) => param(z.number().positive().default(def), d, unit, source);
const flag = (d: string, def: boolean, source: string) => param(z.boolean().default(def), d, 'true/false', source);

export const CoordinatorPool = z
  .strictObject({
    id,
    label: z.string().default(''),
    homeService: param(
      id.nullable().default(null),
      'Service whose staff hold the role (combined or add-on role); its unit leader may refuse assignments and reclaims coordination hours when the unit is loaded. null = office-based in the coordinating unit, no home unit.',
      'service id',
      'Florell 2022; Rorgemoen 2020',
    ),
    profession: param(z.string().default('nurse'), 'Profession of the pool (shown in output; no effect on rules).', 'text', 'Rorgemoen 2020'),
    count: param(z.number().int().min(0).max(10_000), 'Number of coordinators in the pool.', 'persons', 'scenario'),
    postFte: param(z.number().positive().max(1).default(1), 'Post size of each coordinator.', 'FTE', 'Mathisen 2020 (0.5 or 1.0 for dedicated posts)'),
    coordinationShare: share('Share of the post available for coordination; 1 = dedicated coordinator post.', 0.15, 'assumption (add-on role "on top of the main job", Vik & Aarseth 2019; share never stated)'),
    caseloadCap: param(
      z.number().int().min(1).nullable().default(null),
      'Manager-set maximum caseload per coordinator; null = no cap. Cases beyond the cap wait at the coordinating unit.',
      'cases',
      'Rorgemoen 2020 (caps exist; value not given)',
    ),
    tenureYears: z
      .strictObject({
        min: nonNeg('Shortest initial tenure in the role.', 0.1, 'years', 'Systad 2021 (1 month to 10 years)'),
        max: nonNeg('Longest initial tenure in the role.', 10, 'years', 'Rorgemoen 2020 (1 to about 30 years)'),
      })
      .prefault({})
      .meta({ description: 'Initial tenure of the pool, uniform between min and max. New hires start at 0.' }),
    roleClarity: share('Role clarity of a novice; it rises towards 1 with tenure (time constant 2 years).', 0.3, 'assumption (Rorgemoen 2020: novices find the role unclear)'),
    niche: param(
      z.array(id).default([]),
      'User groups this pool prefers (its niche). Empty = all. Under the nicheRefusal coping policy an overloaded coordinator refuses cases outside it.',
      'user group ids',
      'Rorgemoen 2020; Lipsky (creaming)',
    ),
    maxUserAgeYears: param(
      z.number().min(0).max(130).nullable().default(null),
      'The pool coordinates users younger than this (age split, e.g. 18 for child services); an older user is handed back to the coordinating unit. null = life-phase organisation, no split.',
      'years',
      'Systad 2021 (3 of 4 municipalities split at 18)',
    ),
    legitimacy: param(
      z.number().min(1).max(10).default(1),
      "Weight of the coordinator's requests: turf against the coordinator's users is divided by this.",
      'x',
      'Mathisen 2020 ("five times more", an upper bound)',
    ),
    systemWorkHoursPerWeek: nonNeg('Fixed system work per coordinator (KE duties, training others, routines); counted as networking time.', 0, 'h/week', 'Systad 2021 (system coordinator: over half the time in meetings)'),
    mentoring: z
      .strictObject({
        noviceYears: pos('A coordinator with less tenure than this has a mentor (fadder) in the pool.', 2, 'years', 'assumption (the time constant of role clarity)'),
        speedUp: nonNeg("A mentored novice's experience (role clarity, and the damping of strain) grows this much faster than tenure: 1 = twice as fast.", 1, 'x', 'assumption (Rorgemoen 2020: peer talk is "the most useful of all")'),
        hoursPerWeek: nonNeg('Hours a week of mentoring per novice: the novice spends them, and the experienced coordinators of the pool share the same hours as mentors (both as networking time, which goes first under overload).', 1, 'h/week', 'assumption'),
      })
      .nullable()
      .default(null)
      .meta({ description: 'A mentoring scheme (fadderordning): experienced coordinators support the pool\'s novices, whose role clarity grows faster, at a cost in hours on both sides (Rorgemoen 2020 proposes it). null = none.' }),
  })
  .meta({ description: 'A pool of coordinators with the same home service, post and role.' });

export const CoordinationWork = z
  .strictObject({
    firstContactHours: nonNeg('Face-to-face first contact with a new user.', 1.25, 'h', 'Mathisen 2020 (60-90 min)'),
    directHoursPerCase: nonNeg('Routine direct work with each user (contacts, follow-up).', 0.3, 'h/week', 'assumption'),
    travelHoursPerCase: nonNeg('Travel for routine visits to each user; a phone contact (rationing) needs none.', 0.1, 'h/week', 'assumption'),
    urgentHoursPerCase: nonNeg('Extra direct work for a user in crisis (14 days after a crisis) or with a need that no service owns.', 1, 'h/week', 'assumption'),
    coordinationHoursPerService: nonNeg('Contact with each service involved in a case (calls, messages, translation between services).', 0.1, 'h/week', 'assumption; complex cases take about 3 times as much (Florell 2022)'),
    documentationHoursPerCase: nonNeg('Case notes and plan upkeep for each user.', 0.1, 'h/week', 'assumption'),
    networkingHoursPerWeek: nonNeg('Networking per coordinator (meeting other agencies outside cases); builds ties to every service.', 0.5, 'h/week', 'assumption (Williams; Mathisen 2020)'),
    absorbHoursPerNeed: nonNeg('Work the coordinator absorbs for each need of a user that no service owns ("total responsibility").', 0.5, 'h/week', 'assumption (Florell 2022)'),
    contactIntervalDays: pos('Routine contact cadence at full attention; the coordinator notices a lost referral or an unowned need at a contact.', 14, 'days', 'assumption'),
    overServe: nonNeg('Extra direct work of a novice (role clarity 0): scope creep, shrinking as role clarity rises.', 0.5, 'share of direct hours', 'assumption (Rorgemoen 2020: novices over-serve)'),
    homeReclaim: share('Share of an add-on coordinator\'s hours that a fully loaded home service reclaims for its own work.', 0.5, 'assumption (Vik & Aarseth 2019; Florell 2022)'),
  })
  .meta({ description: "What a coordinator's week asks of them, per case and per coordinator." });

export const CopingPolicies = z
  .strictObject({
    rationing: flag('Overloaded coordinators ration routine contact: shorter contacts by phone instead of visits (no travel).', true, 'Mathisen 2020; Lipsky'),
    queueing: flag('Overloaded coordinators let new cases wait for their first contact and plan.', true, 'Lipsky'),
    creaming: flag('Overloaded coordinators short of routine time give it first to urgent cases, then to users living alone and families with children, then to the easiest cases (fewest services).', true, 'Mathisen 2020 (coordinator 3: alone, few services, families with children); Lipsky; Rorgemoen 2020'),
    nicheRefusal: flag("Overloaded coordinators refuse assignments outside their pool's niche.", true, 'Rorgemoen 2020'),
    lightIp: flag('Overloaded coordinators write light-weight plans (template IP) that protect less.', true, 'Lipsky (routinising)'),
    withholdIp: flag('A coordinator whose own load is above loadThreshold may keep quiet about the IP right at the first contact ("triggers an enormous amount of work"); the coordinator is assigned regardless, and relatives or the user can still ask.', true, 'Rorgemoen 2020'),
    delegating: flag('Overloaded coordinators with a colleague in the pool who has room hand routine visits to them ("can you go there today?"), losing continuity and overview.', true, 'Florell 2022'),
    dropOrder: flag('Time is cut in the order networking and system work, documentation, routine contact, urgent contact; off = every activity is cut by the same share.', true, 'Mathisen 2020; Florell 2022'),
    postHocPlans: flag('A plan revision without documentation time is written after the fact instead of lapsing.', true, 'Florell 2022 ("reversed planning")'),
    bilateralDrift: flag('Overloaded coordinators replace full responsibility-group meetings by bilateral contacts.', true, 'Florell 2022'),
    fightFlight: flag('Strained coordinators fight (re-request refused services, conflict) or flee (withdraw from meetings and advocacy).', true, 'Florell 2022'),
  })
  .meta({ description: 'Switches for each discretionary coping policy; each use is counted in `coping.<policy>`.' });

export const Discretion = z
  .strictObject({
    thresholdSpread: share("Coordinators differ: each one's own threshold is loadThreshold x uniform(1 - spread, 1 + spread), drawn when the post is filled.", 0.25, 'assumption (Mathisen 2020: five coordinators built five different roles)'),
    propensitySpread: share("Each coordinator's readiness to use each coping mode when its condition holds is uniform(1 - spread, 1), drawn when the post is filled; 0 = all alike.", 0.5, 'assumption (Mathisen 2020: all coordinators ration, each in their own way)'),
    noviceHoldOut: nonNeg('A novice (role clarity 0) copes only at a load (1 + this) times their threshold: novices over-serve; the hold-out fades with role clarity.', 0.5, 'share of threshold', 'assumption (Rorgemoen 2020: novices over-serve and want to be liked; experienced coordinators bound the role)'),
    strainShift: nonNeg('Strain lowers the threshold by this x strain (0-1): a strained coordinator copes sooner.', 0.3, 'load ratio', 'assumption (Lipsky: coping as the answer to stress)'),
    delegationLossRise: nonNeg('A case whose visits were delegated in the last 4 weeks has its handoff loss probabilities raised by this share: the colleague lacks the overview.', 0.5, 'share', 'assumption (Florell 2022: "can you go there today?" loses continuity and overview)'),
  })
  .meta({ description: "Each coordinator's own discretion (Lipsky): own threshold and readiness per mode, shifted by experience and strain." });

export const Coping = z
  .strictObject({
    policies: CopingPolicies.prefault({}),
    discretion: Discretion.prefault({}),
    loadThreshold: nonNeg("Mean load (hours asked / hours available) above which a coordinator starts to cope; each coordinator's own threshold varies around it (discretion).", 0.9, 'ratio', 'assumption (source brief for Mathisen 2020)'),
    managementControl: share('Chance that supervision stops a coping choice (each use is checked).', 0, 'assumption'),
    rationFactor: share('Routine contact kept when rationing (the rest is cut).', 0.5, 'assumption'),
    lightIpFactor: share('Drafting hours of a light-weight plan, relative to a full one; a light plan also protects half as much.', 0.4, 'assumption'),
    informBase: share('Chance the assigned coordinator tells the family about its right to an IP at the first contact, when not overloaded.', 0.9, 'assumption (no source gives a rate; Mathisen 2020, Systad 2021: users hear of the scheme late or not at all)'),
    informUnderLoad: share("Chance a coordinator whose own load is above loadThreshold still tells the family about the IP right (withholdIp on).", 0.3, 'assumption (behaviour from Rorgemoen 2020; no rate given)'),
    delegateShare: share('Share of routine visits delegated to a colleague when delegating.', 0.3, 'assumption (behaviour from Florell 2022)'),
    postHocShare: share('Chance that a revision without documentation time is written after the fact (postHocPlans on) rather than lapsing.', 0.6, 'assumption ("almost every time", Florell 2022)'),
    fightShare: share('Chance that a strained coordinator fights rather than flees; rises with role clarity from this base.', 0.5, 'assumption (Florell 2022)'),
    fightFlightStrain: share('Strain above which fight or flight starts.', 0.7, 'assumption'),
  })
  .meta({ description: 'Discretion and coping (Lipsky): when and how coordinators ration their time.' });

export const IndividualPlan = z
  .strictObject({
    draftHours: nonNeg('Documentation hours to draft an IP.', 6, 'h', 'assumption'),
    reviseHours: nonNeg('Documentation hours to revise an IP at a review.', 2, 'h', 'assumption'),
    reviewEveryDays: pos('An IP is reviewed (a responsibility-group meeting or a bilateral round) on this cadence.', 120, 'days', 'Jerndahl Fineide 2019; Vik & Aarseth 2019 (2-4 meetings a year)'),
    staleAfterDays: pos('An IP not revised for this long is stale (it no longer guides the services).', 240, 'days', 'assumption'),
    infoLossReduction: share('An active IP cuts information and referral loss at the user\'s handoffs by this share.', 0.5, 'assumption'),
    relativesAskAfterDays: pos('Mean days until relatives ask for the IP right and a coordinator themselves when nobody offered them (users with relatives).', 365, 'days', 'assumption'),
    userAsksAfterDays: param(
      z.number().positive().nullable().default(730),
      'Mean days until a user without relatives asks for the IP right and a coordinator themselves when nobody offered them; null = never.',
      'days',
      'assumption (Rorgemoen 2020: the right stands whether or not anyone tells; slower than relatives)',
    ),
  })
  .meta({ description: 'Individual plan (individuell plan): drafting, review, stale plans.' });

export const ResponsibilityGroup = z
  .strictObject({
    meetingHours: nonNeg('Length of a responsibility-group meeting for the coordinator.', 1.5, 'h', 'assumption'),
    organiseHoursPerParticipant: nonNeg('Coordinator hours to organise a meeting, per participant.', 0.25, 'h', 'assumption (Florell 2022: organising is the heavy part)'),
    bilateralHours: nonNeg('Coordinator hours for one bilateral contact.', 0.5, 'h', 'assumption'),
    baseDelayDays: pos('Days to find a date for a one-to-one meeting (n = 2).', 1, 'days', 'Florell 2022 ("tomorrow")'),
    delayExponent: nonNeg('Finding a date for n participants takes baseDelayDays x (n - 1)^exponent; 2.16 gives 90 days for 9 people.', 2.16, '-', 'derived from Florell 2022 (9 people: 3 months; 2 people: 1 day)'),
    bilateralBase: share('Share of reviews done as bilateral contacts at normal load.', 0.2, 'assumption'),
  })
  .meta({ description: 'Responsibility group (ansvarsgruppe): the meeting law and bilateral contacts.' });

export const CoordinatingUnit = z
  .strictObject({
    assignment: param(z.enum(['continuous', 'meetings']).default('meetings'), 'Assign coordinators as requests come in, or in batches at KE meetings.', 'enum', 'Systad 2021'),
    cadenceDays: pos('Days between KE allocation meetings (assignment "meetings").', 14, 'days', 'Systad 2021 ("every 14 days")'),
    reportProbability: share('Chance that the services report an eligible user to the KE at all; an unreported user gets a coordinator only by asking.', 0.8, 'assumption (no source gives a rate; Mathisen 2020: patients are informed late or not at all)'),
    refuseBase: share("Chance a unit leader refuses an assignment when nothing waits in the unit's intake queue; p = base + (1 - base) x backlog^exponent, backlog = queued hours / (weekly case-work hours x fullBacklogWeeks), clipped to 1.", 0.05, 'assumption (Systad 2021: refusals protect pressed staff)'),
    refuseLoadExponent: nonNeg('Exponent k of the refusal law.', 3, '-', 'assumption'),
    fullBacklogWeeks: pos('Weeks of work waiting in its intake queue at which a unit refuses every assignment.', 4, 'weeks', 'assumption'),
    returnDelayDays: nonNeg('Mean days a refused or returned assignment takes to come back to the KE.', 14, 'days', 'assumption (one KE cycle; Systad 2021)'),
    returnedEventAfter: param(z.number().int().min(1).max(100).default(2), 'Refusals of one request before it counts as a returned-assignment between-chairs event.', 'refusals', 'assumption'),
    authority: flag('KE has decision authority: it overrides a refusal (the coordinator starts strained).', false, 'Systad 2021'),
    councilDuty: flag('A council decision obliges all staff to accept assignments: no refusals.', false, 'Systad 2021'),
    reassignmentDelayDays: nonNeg('Mean days from a coordinator leaving until their cases are back at the KE (coordinator lists are not updated).', 14, 'days', 'assumption (Systad 2021)'),
    vacancyDays: nonNeg('Mean days a vacated coordinator post stays empty before a novice fills it.', 90, 'days', 'assumption'),
  })
  .meta({ description: 'Coordinating unit (koordinerende enhet): receives needs for an IP and assigns coordinators.' });

export const Ties = z
  .strictObject({
    initial: share('Initial tie strength between each coordinator and each service, and between services.', 0.1, 'assumption'),
    gainPerHour: nonNeg('Rise of a tie per hour of contact: tie += gain x hours x (1 - tie).', 0.05, '1/h', 'assumption (Williams)'),
    meetingGain: share('Rise of the tie between every pair of services that meet in a full responsibility group: tie += gain x (1 - tie).', 0.05, 'assumption'),
    halfLifeDays: pos('Half-life of a tie without contact.', 365, 'days', 'assumption (Florell 2022: networks must constantly be re-established)'),
    turfReduction: share('At tie 1, turf against a referral is cut by this share.', 0.6, 'assumption'),
    lossReduction: share('At tie 1, referral and information loss at a handoff are cut by this share.', 0.5, 'assumption'),
    delayReduction: share('At tie 1, handoff delay is cut by this share.', 0.5, 'assumption'),
  })
  .meta({ description: 'Boundary spanning (Williams): ties built by contact, decaying without it.' });

export const Strain = z
  .strictObject({
    onsetCaseload: nonNeg('Caseload above which each extra case adds emotional strain, for a coordinator with up to onsetHoursPerWeek of coordination time; more hours raise it in proportion.', 8, 'cases', 'assumption (below the "killing" 14 of Rorgemoen 2020)'),
    onsetHoursPerWeek: pos('Coordination hours per week the onset caseload is set for (a dedicated full-time post carries proportionally more cases).', 10, 'h/week', 'assumption (Mathisen 2020: dedicated posts carry many more cases)'),
    perCaseAboveOnset: nonNeg('Strain added per week per case above the onset caseload.', 0.004, 'strain/week', 'assumption'),
    overloadGain: nonNeg('Strain added per week per unit of load above 1.', 0.05, 'strain/week', 'assumption (Florell 2022: "exhausting")'),
    blockedAdvocacy: nonNeg('Strain added each time a coordinator\'s re-request is refused.', 0.02, 'strain', 'assumption'),
    absorbedPerNeed: nonNeg('Strain added per week per unowned need the coordinator absorbs.', 0.005, 'strain/week', 'assumption (Florell 2022)'),
    recoveryPerWeek: nonNeg('Strain that recovers per week below full load.', 0.03, 'strain/week', 'assumption'),
    experienceDamping: share('Strain gains shrink by this share per year of tenure, down to the floor.', 0.05, 'assumption (Rorgemoen 2020; Florell 2022)', 'share/year'),
    experienceFloor: share('Lowest factor experience can bring strain gains to.', 0.5, 'assumption'),
    peerRelief: nonNeg('Recovery is multiplied by 1 + peerRelief when the coordinator has peers in the same pool.', 0.5, 'x', 'assumption (Rorgemoen 2020: peers are "the most useful")'),
  })
  .meta({ description: 'Strain: built by overload, caseload, blocked advocacy and absorbed tasks; relieved by peers and experience.' });

export const Turnover = z
  .strictObject({
    hazardPerYear: nonNeg('Yearly chance that an unstrained coordinator leaves or is reassigned.', 0.15, '1/year', 'assumption (Systad 2021: turnover is a barrier; no rate given)'),
    strainMultiplier: param(z.number().min(1).default(3), 'Hazard multiplier at strain 1 (linear in strain).', 'x', 'assumption'),
  })
  .meta({ description: 'Coordinators leaving: their cases are orphaned until reassignment.' });

export const ParallelSchemes = z
  .strictObject({
    count: param(z.number().int().min(1).max(10).default(1), 'Coordinator schemes active on each coordinated user (municipal, hospital, GP, pathway, cancer...); the modelled coordinator carries 1/count of the coordination work.', 'schemes', 'Vik & Aarseth 2019 (up to 6)'),
    pairHoursPerWeek: nonNeg('Coordination work between each pair of schemes on one user; k schemes make k(k-1)/2 pairs.', 0.1, 'h/week', 'assumption (the form k(k-1)/2 is ours)'),
  })
  .meta({ description: 'Several coordinator schemes on one user must coordinate among themselves (Vik & Aarseth 2019).' });

export const Coordination = z
  .strictObject({
    eligibility: z
      .strictObject({
        minNeeds: param(z.number().int().min(1).max(50).default(2), 'Needs (services) a user must have to be owed an IP and a coordinator.', 'needs', 'Florell 2022 (two or more services; legal rule)'),
        groups: param(z.array(id).default([]), 'User groups that are eligible; empty = all.', 'user group ids', 'scenario'),
      })
      .prefault({}),
    pools: z.array(CoordinatorPool).min(1).meta({ description: 'Coordinator pools.' }),
    work: CoordinationWork.prefault({}),
    coping: Coping.prefault({}),
    individualPlan: IndividualPlan.prefault({}),
    responsibilityGroup: ResponsibilityGroup.prefault({}),
    coordinatingUnit: CoordinatingUnit.prefault({}),
    ties: Ties.prefault({}),
    strain: Strain.prefault({}),
    turnover: Turnover.prefault({}),
    parallelSchemes: ParallelSchemes.prefault({}),
    bufferTurfIncrease: nonNeg('Services refuse a coordinated user\'s referrals more readily, trusting the coordinator to catch the case: turf x (1 + this).', 0.2, 'share', 'assumption (Vik & Aarseth 2019: the coordinator as a buffer that lets units stay closed)'),
    caseloadCollapse: param(z.number().min(1).default(14), 'Caseload treated as the collapse point in reports (shares of coordinator-weeks above it). Reporting only: quality collapse itself comes from the hours a caseload asks against the hours there are.', 'cases', 'Rorgemoen 2020 ("14 at the same time ... killing")'),
    relativeHoursPerWeek: nonNeg('Coordination hours relatives carry per week for an eligible user without a coordinator (users with relatives). It drains their strength (municipality.relatives): exhausted relatives stop chasing lost referrals.', 5, 'h/week', 'assumption (Rorgemoen 2020: "almost a full-time job" for the most complex)'),
  })
  .meta({ description: 'Model II: coordinators, the coordinating unit, individual plans and responsibility groups. Omit (or null) for Model I without coordinators.' });

export type CoordinationSpec = z.output<typeof Coordination>;
export type CoordinatorPoolSpec = z.output<typeof CoordinatorPool>;
export type CopingPolicy = keyof z.output<typeof CopingPolicies>;
// The schema's policies and the plain list (copingPolicyNames.ts) must name the same policies.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const policiesMatch: SameKeys<CopingPolicy, CopingPolicyName> = true;
void policiesMatch;
export const COPING_POLICIES: readonly CopingPolicy[] = NAMES;
