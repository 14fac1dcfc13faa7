import { COPING_POLICIES, type CopingPolicyName as CopingPolicy } from '../../src/scenario/copingPolicyNames.js';
import { CAUSES, type Cause } from '../../src/model/municipality/causes.js';
import { ACTIVITIES, type Activity } from '../../src/model/municipality/record.js';
import { SPELL_REASONS, type SpellReason } from '../../src/model/municipality/spellReasons.js';
import { COORD_ACTIVITIES, IP_STATES, type IpState } from '../../src/model/municipality/coordination/coordinationRecord.js';
import type { Lang } from './i18n.js';
import { STRINGS } from './strings.js';

/**
 * Plain-language text for every public metric: label, unit, what it is and how it is computed, and
 * which direction is better for users. Meanings and units follow the README metric tables and
 * docs/model.md §6 and §11. Names with an id suffix (`utilisation.<service>`, `coping.<policy>`,
 * `betweenChairs.byCause.<cause>`, ...) are patterns; an unknown name falls back to itself.
 */

export type BetterWhen = 'lower' | 'higher' | null;

export interface MetricText {
  label: string;
  unit: string;
  help: string;
  betterWhen: BetterWhen;
}

type Text = readonly [label: string, unit: string, help: string];
interface Entry {
  en: Text;
  nb: Text;
  better: BetterWhen;
}

const e = (en: Text, nb: Text, better: BetterWhen): Entry => ({ en, nb, better });

/** What kept a spell open (src/model/municipality/spellReasons.ts), in English and Norwegian. */
const REASON_TEXT: Readonly<Record<SpellReason, [string, string]>> = {
  noMandate: ['no service covers the need', 'ingen tjeneste dekker behovet'],
  refused: ['refused, waiting to be sent again', 'avvist, venter på å bli sendt igjen'],
  lostReferral: ['the referral was lost', 'henvisningen ble borte'],
  noSuccessor: ['no successor took over', 'ingen etterfølger tok over'],
  disengaged: ['the user dropped out', 'brukeren falt fra'],
  notOffered: ['the right was not offered', 'retten ble ikke tilbudt'],
  returned: ['the assignment was returned', 'oppdraget ble sendt tilbake'],
};

/** What keeps a spell open, in the user's language (the live view's list of longest spells). */
export function reasonText(r: SpellReason, lang: Lang): string {
  return REASON_TEXT[r][lang === 'nb' ? 1 : 0];
}

/** Units in both languages. */
const U = {
  users: ['users', 'brukere'],
  days: ['days', 'dager'],
  events: ['events', 'hendelser'],
  hours: ['hours', 'timer'],
  share: ['share', 'andel'],
  level: ['0–1', '0–1'],
  cases: ['cases', 'saker'],
  coordinators: ['coordinators', 'koordinatorer'],
  refusals: ['refusals', 'avslag'],
  decisions: ['decisions', 'vedtak'],
  handoffs: ['handoffs', 'overleveringer'],
} as const;

const EXACT: Readonly<Record<string, Entry>> = {
  // --- M/M/c validation queue ---------------------------------------------------------------
  arrivals: e(
    ['Arrivals', U.users[0], 'Users who arrived in the observation window (after the warm-up), from a Poisson process.'],
    ['Ankomster', U.users[1], 'Brukere som kom i observasjonsperioden (etter innkjøringen), fra en Poisson-prosess.'],
    null,
  ),
  completed: e(
    ['Completed', U.users[0], 'Users who finished service and left in the observation window.'],
    ['Ferdigbehandlet', U.users[1], 'Brukere som ble ferdigbehandlet og gikk ut i observasjonsperioden.'],
    null,
  ),
  probWait: e(
    ['Share who had to wait', U.share[0], 'Share of users who waited at all before their service started.'],
    ['Andel som måtte vente', U.share[1], 'Andel brukere som måtte vente i det hele tatt før tjenesten startet.'],
    'lower',
  ),
  utilisation: e(
    ['Staff utilisation', U.share[0], 'Busy staff time divided by the number of staff × the length of the observation window.'],
    ['Kapasitetsutnyttelse', U.share[1], 'Tiden de ansatte var opptatt, delt på antall ansatte × lengden av observasjonsperioden.'],
    null,
  ),
  meanInSystem: e(
    ['Users in the system, mean', U.users[0], "Time-average number of users waiting or in service (L in Little's law)."],
    ['Brukere i systemet, gjennomsnitt', U.users[1], 'Tidsgjennomsnittet av antall brukere som venter eller får tjenesten (L i Littles lov).'],
    'lower',
  ),
  'systemDays.mean': e(
    ['Time in the system, mean', U.days[0], "Mean days from arrival to departure (W in Little's law, L = λW)."],
    ['Tid i systemet, gjennomsnitt', U.days[1], 'Gjennomsnittlig antall dager fra ankomst til avgang (W i Littles lov, L = λW).'],
    'lower',
  ),
  throughputPerDay: e(
    ['Throughput', 'users per day', 'Departures per day in the observation window.'],
    ['Gjennomstrømning', 'brukere per dag', 'Avganger per dag i observasjonsperioden.'],
    null,
  ),
  eventsProcessed: e(
    ['Events processed', U.events[0], 'Events the simulation engine fired in the whole run: a measure of computing work, not of the services.'],
    ['Behandlede hendelser', U.events[1], 'Hendelser simuleringsmotoren behandlet i hele kjøringen: et mål på regnearbeid, ikke på tjenestene.'],
    null,
  ),

  // --- Both models ----------------------------------------------------------------------------
  'waitDays.mean': e(
    [
      'Waiting time, mean',
      U.days[0],
      'Mean days from referral to the first contact at a service, over need episodes whose first service falls in the observation window (in the M/M/c queue: from arrival to the start of service).',
    ],
    [
      'Ventetid, gjennomsnitt',
      U.days[1],
      'Gjennomsnittlig antall dager fra henvisning til første kontakt med en tjeneste, over behovsforløp med første tjeneste i observasjonsperioden (i M/M/c-køen: fra ankomst til tjenesten starter).',
    ],
    'lower',
  ),
  'waitDays.p90': e(
    ['Waiting time, 90th percentile', U.days[0], 'Nine in ten waits from referral to first contact at a service were at most this long (the 90th percentile of the same waits as the mean).'],
    ['Ventetid, 90-persentil', U.days[1], 'Ni av ti ventetider fra henvisning til første kontakt med en tjeneste var høyst så lange (90-persentilen av de samme ventetidene som gjennomsnittet).'],
    'lower',
  ),

  // --- Municipality (Model I) -----------------------------------------------------------------
  usersArrived: e(
    ['New users', U.users[0], 'New users who arrived in the observation window; the users present at the start are not counted.'],
    ['Nye brukere', U.users[1], 'Nye brukere som kom i observasjonsperioden; brukerne som var der fra start, telles ikke.'],
    null,
  ),
  usersServed: e(
    ['Users served', U.users[0], 'Users whose first contact at a service (not a pure decision step) happened in the observation window.'],
    ['Brukere som fikk tjeneste', U.users[1], 'Brukere som hadde sin første kontakt med en tjeneste (ikke bare et vedtakssteg) i observasjonsperioden.'],
    'higher',
  ),
  usersTurnedAway: e(
    [
      'Users turned away',
      U.users[0],
      'Users rejected at least once after assessment, or because a service\'s annual cap was used up. Refusals at the door ("not our table") are not counted here.',
    ],
    [
      'Brukere som fikk avslag',
      U.users[1],
      'Brukere som fikk avslag minst én gang etter kartlegging, eller fordi en tjenestes årlige tak var brukt opp. Avvisning i døra («ikke vårt bord») telles ikke her.',
    ],
    'lower',
  ),
  usersCompleted: e(
    ['Users recovered', U.users[0], 'Users who left as recovered (all their needs closed) in the observation window.'],
    ['Brukere som ble ferdige', U.users[1], 'Brukere som gikk ut som ferdige (alle behovene lukket) i observasjonsperioden.'],
    'higher',
  ),
  usersActiveEnd: e(
    ['Users at the end', U.users[0], "Users still in the municipality's services when the run ends, including those present from the start."],
    ['Brukere ved slutten', U.users[1], 'Brukere som fortsatt er i kommunens tjenester når kjøringen slutter, medregnet dem som var der fra start.'],
    null,
  ),
  'betweenChairs.events': e(
    [
      'Falls between chairs',
      U.events[0],
      'Times something active had no owner for longer than the threshold (14 days in the built-in scenarios): a need refused, lost or dropped that nobody took up, or, with coordinators, a case without a coordinator or a right nobody offered. Counted in the observation window.',
    ],
    [
      'Faller mellom stolene',
      U.events[1],
      'Antall ganger noe aktivt var uten eier lenger enn terskelen (14 dager i de innebygde scenarioene): et behov som ble avvist, mistet eller falt bort uten at noen tok det opp, eller, med koordinatorer, en sak uten koordinator eller en rett ingen tilbød. Telles i observasjonsperioden.',
    ],
    'lower',
  ),
  'betweenChairs.per100UserYears': e(
    [
      'Falls between chairs per 100 user-years',
      'events per 100 user-years',
      'Falls between chairs divided by the years users spent in the municipality in the observation window, × 100: a rate that compares municipalities of different size.',
    ],
    [
      'Faller mellom stolene per 100 brukerår',
      'hendelser per 100 brukerår',
      'Hendelser der brukere faller mellom stolene, delt på årene brukerne var i kommunen i observasjonsperioden, × 100: en rate som kan sammenlignes mellom kommuner av ulik størrelse.',
    ],
    'lower',
  ),
  'betweenChairs.userDays': e(
    ['User-days between chairs', 'user-days', 'Days users spent with at least one spell between chairs open (a need nobody owned, or, with coordinators, a case without a coordinator or a right nobody offered), summed over users, in the observation window.'],
    ['Brukerdager mellom stolene', 'brukerdager', 'Dager brukerne hadde minst én periode mellom stolene åpen (et behov ingen eide, eller, med koordinatorer, en sak uten koordinator eller en rett ingen tilbød), summert over brukerne, i observasjonsperioden.'],
    'lower',
  ),
  'spellEndings.lapsed': e(
    ['Needs that lapsed', 'needs', 'Needs nobody worked on (without an owner, or turned down and not applied for again) that were met elsewhere or given up, in the observation window.'],
    ['Behov som falt bort', 'behov', 'Behov ingen arbeidet med (uten eier, eller avslått og ikke søkt på nytt) som ble dekket et annet sted eller gitt opp, i observasjonsperioden.'],
    null,
  ),
  'spellEndings.reRaised': e(
    ['Grey-zone needs raised with the leadership', 'times', 'Times relatives or a coordinator raised a need no service covers with the coordinating unit and the leadership, in the observation window.'],
    ['Gråsonebehov tatt opp med ledelsen', 'ganger', 'Ganger pårørende eller en koordinator tok opp et behov ingen tjeneste dekker med koordinerende enhet og ledelsen, i observasjonsperioden.'],
    null,
  ),
  'spellEndings.directed': e(
    ['Grey-zone needs met by a leadership decision', 'needs', 'Needs no service covers that the leadership had met across mandates after they were raised, in the observation window.'],
    ['Gråsonebehov dekket etter vedtak fra ledelsen', 'behov', 'Behov ingen tjeneste dekker som ledelsen fikk dekket på tvers av mandater etter at de ble tatt opp, i observasjonsperioden.'],
    'higher',
  ),
  'spellEndings.reengaged': e(
    ['Users found again after dropping out', 'users', 'Times a user who had dropped out was reached again (case-finding, a coordinator or a crisis), in the observation window.'],
    ['Brukere funnet igjen etter frafall', 'brukere', 'Ganger en bruker som hadde falt fra ble nådd igjen (oppsøkende arbeid, en koordinator eller en krise), i observasjonsperioden.'],
    'higher',
  ),
  'growth.usersPresent': e(
    ['Rise in users present', 'share', 'How much the number of users present rose from the first to the last third of the observation window, as a share of its level. Near 0 when the run has settled.'],
    ['Økning i antall brukere', 'andel', 'Hvor mye antallet brukere økte fra første til siste tredel av observasjonsperioden, som andel av nivået. Nær 0 når kjøringen har stabilisert seg.'],
    null,
  ),
  'growth.betweenChairsUsers': e(
    ['Rise in users between chairs', 'share', 'How much the number of users between chairs rose from the first to the last third of the observation window, as a share of its level. Near 0 when the run has settled.'],
    ['Økning i brukere mellom stolene', 'andel', 'Hvor mye antallet brukere mellom stolene økte fra første til siste tredel av observasjonsperioden, som andel av nivået. Nær 0 når kjøringen har stabilisert seg.'],
    null,
  ),
  'growth.waitDays': e(
    ['Rise in waiting time', 'share', 'How much the mean wait for a first service rose from the first to the last third of the observation window, as a share of its level. Near 0 when the run has settled.'],
    ['Økning i ventetid', 'andel', 'Hvor mye gjennomsnittlig ventetid til første tjeneste økte fra første til siste tredel av observasjonsperioden, som andel av nivået. Nær 0 når kjøringen har stabilisert seg.'],
    null,
  ),
  'betweenChairs.spells': e(
    ['Spells between chairs', 'spells', 'Spells that started in the observation window: each time something active lost its owner, however short. Those that outlast the threshold are the falls between chairs.'],
    ['Perioder mellom stolene', 'perioder', 'Perioder som startet i observasjonsperioden: hver gang noe aktivt mistet eieren sin, uansett hvor kort. De som varer lenger enn terskelen, er hendelsene der brukere faller mellom stolene.'],
    'lower',
  ),
  handoffsPerUser: e(
    [
      'Handoffs per user',
      'referrals per user',
      'Referrals sent in the observation window (the entry referral, each leg, deflections and re-sends, lost ones included), divided by the users who had any.',
    ],
    [
      'Overleveringer per bruker',
      'henvisninger per bruker',
      'Henvisninger sendt i observasjonsperioden (den første henvisningen, hvert ledd, videresendinger og nye forsøk, også de som ble borte), delt på brukerne som hadde noen.',
    ],
    'lower',
  ),
  infoLossEvents: e(
    ['Handoffs with information lost', U.handoffs[0], 'Referrals that arrived with information missing; the next assessment then takes 1.5 times as long.'],
    ['Overleveringer med tapt informasjon', U.handoffs[1], 'Henvisninger som kom fram med mangelfull informasjon; neste kartlegging tar da 1,5 ganger så lang tid.'],
    'lower',
  ),
  referralsLost: e(
    ['Referrals lost', U.handoffs[0], 'Referrals lost outright on the way: dropped batons, and losses at transitions between levels or at age limits.'],
    ['Henvisninger som ble borte', U.handoffs[1], 'Henvisninger som forsvant helt underveis: mistede stafettpinner, og tap i overganger mellom nivåer eller ved aldersgrenser.'],
    'lower',
  ),
  rejectedAfterAssessment: e(
    ['Rejections after assessment', U.decisions[0], 'Rejections (decisions, vedtak) because the user was not eligible after assessment.'],
    ['Avslag etter kartlegging', U.decisions[1], 'Avslagsvedtak fordi brukeren ikke fylte vilkårene etter kartleggingen.'],
    'lower',
  ),
  rejectedByCap: e(
    ['Rejections by annual cap', U.decisions[0], "Rejections because a service's annual cap (a savings cap) was used up."],
    ['Avslag på grunn av årlig tak', U.decisions[1], 'Avslag fordi en tjenestes årlige tak (et sparetak) var brukt opp.'],
    'lower',
  ),
  planAdjustments: e(
    [
      'Plan adjustments',
      'adjustments',
      'Plans changed without a new handoff: after a crisis, when the news reached whoever owns the plan, or when a need re-opens while the team still follows the user.',
    ],
    [
      'Planjusteringer',
      'justeringer',
      'Planer som ble endret uten ny overlevering: etter en krise, når nyheten nådde den som eier planen, eller når et behov åpner seg igjen mens teamet fortsatt følger brukeren.',
    ],
    'higher',
  ),
  relativesExhausted: e(
    [
      'Relatives exhausted',
      'times',
      'Times a family that carries the coordination of what nobody owns ran out of strength; exhausted relatives stop chasing lost referrals until they have rested.',
    ],
    [
      'Pårørende utslitt',
      'ganger',
      'Ganger en familie som bærer koordineringen av det ingen eier, gikk tom for krefter; utslitte pårørende slutter å jage etter tapte henvisninger til de har hvilt.',
    ],
    'lower',
  ),
  planAdjustedShare: e(
    [
      'Plans adjusted after a crisis',
      U.share[0],
      "Share of crises during a service whose plan was adjusted: the news has to reach the plan's owner (in the relay the assessing service, over the referral channel; in the team it is already there; a coordinator with an active plan carries it).",
    ],
    [
      'Planer justert etter en krise',
      U.share[1],
      'Andel kriser under en tjeneste der planen ble justert: nyheten må nå den som eier planen (i stafettløpet tjenesten som kartla, over henvisningskanalen; i teamet er den der allerede; en koordinator med aktiv plan bringer den videre).',
    ],
    'higher',
  ),
  'entryFunction.mean': e(
    [
      'Functional level at entry',
      U.level[0],
      "Users' mean functional level (0 = fully dependent, 1 = fully independent) at their first contact with a service; higher means help came earlier in their decline.",
    ],
    [
      'Funksjonsnivå ved start',
      U.level[1],
      'Brukernes gjennomsnittlige funksjonsnivå (0 = helt avhengig, 1 = helt selvhjulpen) ved første kontakt med en tjeneste; høyere betyr at hjelpen kom tidligere.',
    ],
    'higher',
  ),
  'functionAtEnd.mean': e(
    [
      'Functional level at the end',
      U.level[0],
      "Mean functional level (0 = fully dependent, 1 = fully independent) of the users still present at the end of the run; lower means sicker users for the services to carry.",
    ],
    [
      'Funksjonsnivå ved slutten',
      U.level[1],
      'Gjennomsnittlig funksjonsnivå (0 = helt avhengig, 1 = helt selvhjulpen) hos brukerne som fortsatt er der ved slutten av kjøringen; lavere betyr sykere brukere for tjenestene å bære.',
    ],
    'higher',
  ),
  pushedBack: e(
    [
      'Sent back to the municipality',
      'referrals',
      'Referrals a specialist service had no room for (no free beds) and sent back to a municipal service instead of queueing them: "a higher level of care in the municipality" (Florell 2022).',
    ],
    [
      'Sendt tilbake til kommunen',
      'henvisninger',
      'Henvisninger en spesialisttjeneste ikke hadde plass til (ingen ledige senger) og sendte tilbake til en kommunal tjeneste i stedet for å sette dem i kø: «et høyere omsorgsnivå i kommunen» (Florell 2022).',
    ],
    'lower',
  ),
  'staffHours.total': e(
    ['Staff hours, total', U.hours[0], 'All staff hours of all services in the observation window: assessment, delivery, referral admin, team meetings and double documentation.'],
    ['Ansattimer, totalt', U.hours[1], 'Alle ansattimer i alle tjenester i observasjonsperioden: kartlegging, tjenesteyting, henvisningsarbeid, teammøter og dobbeltdokumentasjon.'],
    null,
  ),
  relativeHours: e(
    [
      "Relatives' hours",
      U.hours[0],
      'Hours relatives spent chasing needs nobody owned, plus (with coordinators) coordinating for a user with the right to a coordinator who has none.',
    ],
    [
      'Pårørendes timer',
      U.hours[1],
      'Timer pårørende brukte på å jage behov som ingen eide, og (med koordinatorer) på å koordinere for en bruker som har rett til koordinator, men ikke har fått det.',
    ],
    'lower',
  ),

  // --- Coordinators (Model II) ----------------------------------------------------------------
  'coordinators.mean': e(
    ['Coordinators in post', U.coordinators[0], 'Coordinators in post, mean over the weeks of the observation window (posts stand empty for a while after someone leaves).'],
    ['Koordinatorer i stilling', U.coordinators[1], 'Koordinatorer i stilling, gjennomsnitt over ukene i observasjonsperioden (stillinger står tomme en stund etter at noen slutter).'],
    null,
  ),
  'caseload.mean': e(
    ['Caseload per coordinator, mean', U.cases[0], 'Cases per coordinator, mean over coordinator-weeks.'],
    ['Saksmengde per koordinator, gjennomsnitt', U.cases[1], 'Saker per koordinator, gjennomsnitt over koordinatoruker.'],
    'lower',
  ),
  'caseload.p90': e(
    ['Caseload per coordinator, 90th percentile', U.cases[0], 'In nine of ten coordinator-weeks the caseload was at most this.'],
    ['Saksmengde per koordinator, 90-persentil', U.cases[1], 'I ni av ti koordinatoruker var saksmengden høyst dette.'],
    'lower',
  ),
  'caseload.max': e(
    ['Caseload per coordinator, largest', U.cases[0], 'The largest caseload any coordinator carried in any week.'],
    ['Saksmengde per koordinator, største', U.cases[1], 'Den største saksmengden en koordinator hadde i noen uke.'],
    'lower',
  ),
  'caseload.aboveCollapseShare': e(
    [
      'Weeks above the collapse caseload',
      U.share[0],
      'Share of coordinator-weeks with more cases than the collapse point (14 in the built-in scenarios; "14 at the same time ... killing", Rorgemoen 2020).',
    ],
    [
      'Uker over kollapsgrensen',
      U.share[1],
      'Andel koordinatoruker med flere saker enn kollapsgrensen (14 i de innebygde scenarioene; «14 samtidig ... drepende», Rorgemoen 2020).',
    ],
    'lower',
  ),
  'coordinatorLoad.mean': e(
    ['Coordinator load', 'ratio', 'Hours the weeks asked for divided by the hours available for coordination, before coping; above 1 means overloaded.'],
    ['Koordinatorbelastning', 'forholdstall', 'Timer ukene krevde, delt på timene til rådighet for koordinering, før mestringsstrategier; over 1 betyr overbelastet.'],
    'lower',
  ),
  coordinatorUtilisation: e(
    ['Coordinator utilisation', U.share[0], 'Hours coordinators worked divided by the hours available for coordination.'],
    ['Koordinatorenes utnyttelse', U.share[1], 'Timer koordinatorene arbeidet, delt på timene til rådighet for koordinering.'],
    null,
  ),
  'coordinatorHours.total': e(
    ['Coordinator hours, total', U.hours[0], 'All hours coordinators worked on coordination: direct work, coordination, meetings, travel, documentation and networking.'],
    ['Koordinatortimer, totalt', U.hours[1], 'Alle timer koordinatorene arbeidet med koordinering: direkte arbeid, samhandling, møter, reise, dokumentasjon og nettverksarbeid.'],
    null,
  ),
  'coordinatorTimeMet.urgent': e(
    ['Time met: urgent work', U.share[0], 'Urgent direct work done divided by urgent work asked for (users in crisis or with a need nobody owns); urgent work is cut last.'],
    ['Tid innfridd: akuttarbeid', U.share[1], 'Akutt direkte arbeid som ble gjort, delt på akuttarbeidet som trengtes (brukere i krise eller med et behov ingen eier); akuttarbeid kuttes sist.'],
    'higher',
  ),
  'coordinatorHours.overServe': e(
    ["Novices' extra direct work", U.hours[0], 'Extra direct hours of novice coordinators who do more than the role asks (scope creep); it shrinks as the role becomes clearer.'],
    ['Nybegynneres ekstra direkte arbeid', U.hours[1], 'Ekstra direkte timer hos nye koordinatorer som gjør mer enn rollen krever; det minker etter hvert som rollen blir tydeligere.'],
    null,
  ),
  'coping.fightFlight.fightShare': e(
    ['Fight rather than flight', U.share[0], 'Of the coordinator-weeks in fight or flight, the share spent fighting (advocating hard) rather than withdrawing.'],
    ['Kamp framfor flukt', U.share[1], 'Av koordinatorukene i kamp eller flukt, andelen i kamp (taler brukerens sak hardt) i stedet for å trekke seg unna.'],
    null,
  ),
  eligibleUsers: e(
    ['Users with a right to a plan', U.users[0], 'Users found eligible for an individual plan (IP) and a coordinator: at least two needs, in the eligible groups.'],
    ['Brukere med rett til plan', U.users[1], 'Brukere som har rett til individuell plan (IP) og koordinator: minst 2 behov, i gruppene som har rett.'],
    null,
  ),
  ipOfferedShare: e(
    ['Share offered a plan', U.share[0], 'Of the users who got a right to a plan in the observation window, the share whose family was told about the plan by their coordinator, or who asked for it themselves, by the end of the run.'],
    ['Andel som fikk tilbud om plan', U.share[1], 'Av brukerne som fikk rett til plan i observasjonsperioden, andelen der koordinatoren fortalte familien om planen, eller som ba om den selv, innen kjøringen sluttet.'],
    'higher',
  ),
  'waitForCoordinatorDays.mean': e(
    ['Wait for a coordinator, mean', U.days[0], 'Mean days from the report to the coordinating unit until a coordinator is assigned, for new cases.'],
    ['Ventetid på koordinator, gjennomsnitt', U.days[1], 'Gjennomsnittlig antall dager fra melding til koordinerende enhet til en koordinator er tildelt, for nye saker.'],
    'lower',
  ),
  'waitForCoordinatorDays.p90': e(
    ['Wait for a coordinator, 90th percentile', U.days[0], 'Nine in ten new cases got a coordinator within this many days of the report to the coordinating unit.'],
    ['Ventetid på koordinator, 90-persentil', U.days[1], 'Ni av ti nye saker fikk koordinator innen så mange dager etter meldingen til koordinerende enhet.'],
    'lower',
  ),
  'firstContactDays.mean': e(
    ['Days to first contact', U.days[0], "Mean days from assignment to the coordinator's first contact with the user."],
    ['Dager til første kontakt', U.days[1], 'Gjennomsnittlig antall dager fra tildeling til koordinatorens første kontakt med brukeren.'],
    'lower',
  ),
  assignmentRefusals: e(
    ['Assignments refused', U.refusals[0], 'Coordinator assignments refused or returned by unit leaders, or refused by an overloaded coordinator outside the niche.'],
    ['Avslåtte oppdrag', U.refusals[1], 'Koordinatoroppdrag som enhetsledere avslo eller sendte tilbake, eller som en overbelastet koordinator avslo utenfor nisjen sin.'],
    'lower',
  ),
  'assignmentRefusals.overridden': e(
    ['Refusals overridden', U.refusals[0], "Refusals the coordinating unit's decision authority overrode; the coordinator starts the case under strain."],
    ['Overstyrte avslag', U.refusals[1], 'Avslag som koordinerende enhet overstyrte med sin beslutningsmyndighet; koordinatoren starter saken med ekstra belastning.'],
    null,
  ),
  'meetings.held': e(
    ['Plan reviews held', 'reviews', 'Reviews of individual plans held, as responsibility-group meetings (ansvarsgruppemøter) or bilateral rounds.'],
    ['Plangjennomganger holdt', 'gjennomganger', 'Gjennomganger av individuelle planer, som ansvarsgruppemøter eller runder på tomannshånd.'],
    'higher',
  ),
  'meetings.bilateralShare': e(
    ['Reviews done one-to-one', U.share[0], 'Share of plan reviews done as bilateral contacts instead of a full responsibility-group meeting.'],
    ['Gjennomganger på tomannshånd', U.share[1], 'Andel plangjennomganger gjort som kontakt på tomannshånd i stedet for et fullt ansvarsgruppemøte.'],
    null,
  ),
  'meetingDelayDays.fullGroup': e(
    [
      'Days to a responsibility-group meeting',
      U.days[0],
      'Mean days from asking for a review to the day a full responsibility-group meeting is held; the more participants, the longer it takes to find a date.',
    ],
    [
      'Dager til ansvarsgruppemøte',
      U.days[1],
      'Gjennomsnittlig antall dager fra en gjennomgang blir bedt om til et fullt ansvarsgruppemøte holdes; jo flere deltakere, desto lenger tid tar det å finne en dato.',
    ],
    'lower',
  ),
  'meetingDelayDays.bilateral': e(
    ['Days to a one-to-one review', U.days[0], 'Mean days from asking for a review to the day it is held as bilateral contacts.'],
    ['Dager til gjennomgang på tomannshånd', U.days[1], 'Gjennomsnittlig antall dager fra en gjennomgang blir bedt om til den holdes som kontakt på tomannshånd.'],
    'lower',
  ),
  coordinatorTurnover: e(
    ['Coordinators who left', U.coordinators[0], 'Coordinators who left or were reassigned; each leaves all their cases orphaned until reassignment.'],
    ['Koordinatorer som sluttet', U.coordinators[1], 'Koordinatorer som sluttet eller fikk andre oppgaver; hver etterlater alle sakene sine foreldreløse til de blir fordelt på nytt.'],
    'lower',
  ),
  orphanedCases: e(
    ['Orphaned cases', U.cases[0], 'Cases left without a coordinator because the coordinator left, in the observation window.'],
    ['Foreldreløse saker', U.cases[1], 'Saker som ble stående uten koordinator fordi koordinatoren sluttet, i observasjonsperioden.'],
    'lower',
  ),
  orphanedCaseDays: e(
    ['Days as orphaned cases', 'user-days', 'Days users were without a coordinator after turnover until their case was reassigned, summed over cases.'],
    ['Dager som foreldreløs sak', 'brukerdager', 'Dager brukere var uten koordinator etter at koordinatoren sluttet, til saken ble fordelt på nytt, summert over sakene.'],
    'lower',
  ),
  'ties.coordinatorAgency': e(
    [
      'Ties between coordinators and services',
      U.level[0],
      'Mean tie strength between coordinators and services over the weeks (boundary spanning, Williams): ties grow with contact and fade without it; they cut refusals, losses and delays at handoffs.',
    ],
    [
      'Relasjoner mellom koordinatorer og tjenester',
      U.level[1],
      'Gjennomsnittlig styrke på relasjonene mellom koordinatorer og tjenester over ukene (grensespenning, Williams): de vokser med kontakt og svekkes uten; de gir færre avvisninger, tap og forsinkelser ved overleveringer.',
    ],
    'higher',
  ),
  'ties.agencyAgency': e(
    ['Ties between services', U.level[0], 'Mean tie strength between services over the weeks, built in full responsibility-group meetings and fading without contact.'],
    ['Relasjoner mellom tjenestene', U.level[1], 'Gjennomsnittlig styrke på relasjonene mellom tjenestene over ukene, bygd i fulle ansvarsgruppemøter og svekket uten kontakt.'],
    'higher',
  ),
  'ties.agencyAgency.end': e(
    ['Ties between services at the end', U.level[0], 'Mean tie strength between services in the last week of the run.'],
    ['Relasjoner mellom tjenestene ved slutten', U.level[1], 'Gjennomsnittlig styrke på relasjonene mellom tjenestene i den siste uka av kjøringen.'],
    'higher',
  ),
  'strain.mean': e(
    [
      'Coordinator strain, mean',
      U.level[0],
      'Strain over coordinator-weeks: built by overload, large caseloads, blocked advocacy and absorbed tasks; relieved by peers and experience. High strain leads to fight or flight and turnover.',
    ],
    [
      'Belastning på koordinatorene, gjennomsnitt',
      U.level[1],
      'Belastning over koordinatoruker: bygges opp av overbelastning, store saksmengder, avslag på det de ber om og oppgaver de tar over; lettes av kolleger og erfaring. Høy belastning gir kamp eller flukt og at folk slutter.',
    ],
    'lower',
  ),
  'strain.p90': e(
    ['Coordinator strain, 90th percentile', U.level[0], 'In nine of ten coordinator-weeks the strain was at most this.'],
    ['Belastning på koordinatorene, 90-persentil', U.level[1], 'I ni av ti koordinatoruker var belastningen høyst dette.'],
    'lower',
  ),
  'relativeHours.coordinating': e(
    ["Relatives' coordination hours", U.hours[0], 'Hours relatives spent coordinating for users with a right to a coordinator who had none.'],
    ['Pårørendes koordineringstimer', U.hours[1], 'Timer pårørende brukte på å koordinere for brukere som har rett til koordinator, men ikke hadde det.'],
    'lower',
  ),
  'coordinationHours.allSchemes': e(
    [
      'Coordination hours, all schemes',
      U.hours[0],
      'Coordination work of every parallel coordinator scheme on the users (municipal, hospital, GP, pathway ...), including the work between schemes.',
    ],
    [
      'Koordineringstimer, alle ordninger',
      U.hours[1],
      'Koordineringsarbeidet til alle parallelle koordinatorordninger rundt brukerne (kommune, sykehus, fastlege, pakkeforløp ...), medregnet arbeidet mellom ordningene.',
    ],
    null,
  ),
  schemeTransfersPerUser: e(
    [
      'Transfers between schemes per user',
      'transfers per user',
      'Information transfers between parallel coordinator schemes per coordinated user: k schemes make k(k − 1)/2 pairs at each review.',
    ],
    [
      'Overføringer mellom ordninger per bruker',
      'overføringer per bruker',
      'Informasjonsoverføringer mellom parallelle koordinatorordninger per bruker med koordinator: k ordninger gir k(k − 1)/2 par ved hver gjennomgang.',
    ],
    null,
  ),
};

/** What a coping-policy count counts (README: `coping.<policy>`). */
const COPING_UNIT: Record<CopingPolicy, readonly [string, string]> = {
  rationing: ['case-weeks', 'saksuker'],
  queueing: ['case-weeks', 'saksuker'],
  delegating: ['case-weeks', 'saksuker'],
  creaming: ['coordinator-weeks', 'koordinatoruker'],
  dropOrder: ['coordinator-weeks', 'koordinatoruker'],
  nicheRefusal: ['refusals', 'avslag'],
  lightIp: ['plans', 'planer'],
  postHocPlans: ['plans', 'planer'],
  withholdIp: ['families not told', 'familier som ikke fikk vite'],
  bilateralDrift: ['reviews', 'gjennomganger'],
  fightFlight: ['times a coordinator entered fight or flight', 'ganger en koordinator gikk inn i kamp eller flukt'],
};

const IP_STATE_HELP: Record<IpState, readonly [string, string, BetterWhen]> = {
  none: ['no plan yet', 'ingen plan ennå', 'lower'],
  drafted: ['a draft, not yet reviewed and written up', 'et utkast, ennå ikke gjennomgått og skrevet ferdig', null],
  active: ['active: reviewed and written up, it guides the services', 'aktiv: gjennomgått og skrevet ferdig, den styrer tjenestene', 'higher'],
  stale: ['stale: not revised in time, it no longer guides the services', 'utdatert: ikke revidert i tide, den styrer ikke lenger tjenestene', 'lower'],
  postHoc: ['written after the fact ("reversed planning")', 'skrevet i etterkant («baklengs planlegging»)', 'lower'],
};

/** Staff activities whose hours do not reach users (admin and double work): fewer is better. */
const STAFF_BETTER: Record<Activity, BetterWhen> = {
  assessment: null,
  delivery: null,
  handoff: 'lower',
  meetings: null,
  documentation: 'lower',
};

const MODEL_II_CAUSES: ReadonlySet<Cause> = new Set<Cause>(['returnedAssignment', 'unmetRight', 'orphanedCase']);

const str = (lang: Lang, key: string): string => (STRINGS[lang] as Readonly<Record<string, string>>)[key] ?? key;

/** Lower-cases the first letter of a label for use after a prefix, unless it starts an acronym. */
function lcFirst(s: string): string {
  return s.length > 1 && s[1] === s[1].toLowerCase() ? s[0].toLowerCase() + s.slice(1) : s;
}

const L = (lang: Lang, en: string, nb: string) => (lang === 'nb' ? nb : en);

function has<T extends string>(list: readonly T[], id: string): id is T {
  return (list as readonly string[]).includes(id);
}

/** Text of a metric whose name is a prefix plus an id, or null if `name` is no such pattern. */
function patternText(name: string, lang: Lang, serviceLabel?: Readonly<Record<string, string>>): MetricText | null {
  const after = (prefix: string) => (name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : null);

  let id = after('utilisation.');
  if (id !== null) {
    const service = serviceLabel?.[id] ?? id;
    return {
      label: L(lang, `Utilisation: ${service}`, `Kapasitetsutnyttelse: ${service}`),
      unit: L(lang, 'share', 'andel'),
      help: L(
        lang,
        `Assessment and delivery hours at ${service} divided by its case-work capacity over the working weeks of the observation window. Near 1 means long queues.`,
        `Kartleggings- og tjenestetimer i ${service} delt på kapasiteten til saksarbeid i arbeidsukene i observasjonsperioden. Nær 1 betyr lange køer.`,
      ),
      betterWhen: null,
    };
  }

  id = after('betweenChairs.byCause.');
  if (id !== null && has(CAUSES, id)) {
    const modelII = MODEL_II_CAUSES.has(id) ? L(lang, ' Always 0 in scenarios without coordinators.', ' Alltid 0 i scenarioer uten koordinatorer.') : '';
    return {
      label: L(lang, 'Between chairs: ', 'Mellom stolene: ') + lcFirst(str(lang, `cause.${id}`)),
      unit: L(lang, 'events', 'hendelser'),
      help: `${str(lang, `cause.${id}.help`)} ${L(lang, 'Events of this cause in the observation window.', 'Hendelser med denne årsaken i observasjonsperioden.')}${modelII}`,
      betterWhen: 'lower',
    };
  }

  id = after('betweenChairs.spellsByCause.');
  if (id !== null && has(CAUSES, id)) {
    const modelII = MODEL_II_CAUSES.has(id) ? L(lang, ' Always 0 in scenarios without coordinators.', ' Alltid 0 i scenarioer uten koordinatorer.') : '';
    return {
      label: L(lang, 'Spells between chairs: ', 'Perioder mellom stolene: ') + lcFirst(str(lang, `cause.${id}`)),
      unit: L(lang, 'spells', 'perioder'),
      help: `${str(lang, `cause.${id}.help`)} ${L(lang, 'Spells of this cause that started in the observation window, however short.', 'Perioder med denne årsaken som startet i observasjonsperioden, uansett hvor korte.')}${modelII}`,
      betterWhen: 'lower',
    };
  }

  id = after('betweenChairs.userDaysByCause.');
  if (id !== null && has(CAUSES, id)) {
    const modelII = MODEL_II_CAUSES.has(id) ? L(lang, ' Always 0 in scenarios without coordinators.', ' Alltid 0 i scenarioer uten koordinatorer.') : '';
    return {
      label: L(lang, 'User-days between chairs: ', 'Brukerdager mellom stolene: ') + lcFirst(str(lang, `cause.${id}`)),
      unit: L(lang, 'user-days', 'brukerdager'),
      help: `${str(lang, `cause.${id}.help`)} ${L(lang, 'Days users spent in a spell of this cause, in the observation window.', 'Dager brukerne var i en periode med denne årsaken, i observasjonsperioden.')}${modelII}`,
      betterWhen: 'lower',
    };
  }

  id = after('betweenChairs.longSpellsByReason.');
  if (id !== null && (SPELL_REASONS as readonly string[]).includes(id)) {
    const [en, nb] = REASON_TEXT[id as SpellReason];
    return {
      label: L(lang, 'Year-long spells: ', 'Årslange perioder: ') + L(lang, en, nb),
      unit: L(lang, 'spells', 'perioder'),
      help: L(lang, `Spells without an owner that reached a year in the observation window, kept there because: ${en}.`, `Perioder uten eier som nådde ett år i observasjonsperioden, holdt der fordi: ${nb}.`),
      betterWhen: 'lower',
    };
  }

  id = after('staffHours.');
  if (id !== null && has(ACTIVITIES, id)) {
    return {
      label: L(lang, 'Staff hours: ', 'Ansattimer: ') + lcFirst(str(lang, `activity.${id}`)),
      unit: L(lang, 'hours', 'timer'),
      help: `${str(lang, `activity.${id}.help`)} ${L(lang, 'Summed over all services in the observation window.', 'Summert over alle tjenester i observasjonsperioden.')}`,
      betterWhen: STAFF_BETTER[id],
    };
  }

  id = after('coordinatorHours.');
  if (id !== null && has(COORD_ACTIVITIES, id)) {
    return {
      label: L(lang, 'Coordinator hours: ', 'Koordinatortimer: ') + lcFirst(str(lang, `coordActivity.${id}`)),
      unit: L(lang, 'hours', 'timer'),
      help: `${str(lang, `coordActivity.${id}.help`)} ${L(lang, 'Hours worked, summed over coordinators in the observation window.', 'Arbeidede timer, summert over koordinatorene i observasjonsperioden.')}`,
      betterWhen: null,
    };
  }

  id = after('coordinatorTimeMet.');
  if (id !== null && has(COORD_ACTIVITIES, id)) {
    const act = lcFirst(str(lang, `coordActivity.${id}`));
    return {
      label: L(lang, 'Time met: ', 'Tid innfridd: ') + act,
      unit: L(lang, 'share', 'andel'),
      help: L(
        lang,
        `Hours worked divided by hours asked for (${act}); below 1 means coordinators cut this work. 1 when none was asked for.`,
        `Arbeidede timer delt på timene som trengtes (${act}); under 1 betyr at koordinatorene kuttet dette arbeidet. 1 når ingenting trengtes.`,
      ),
      betterWhen: 'higher',
    };
  }

  id = after('coping.');
  if (id !== null && has(COPING_POLICIES, id)) {
    const unit = COPING_UNIT[id][lang === 'nb' ? 1 : 0];
    return {
      label: L(lang, 'Coping: ', 'Mestring: ') + lcFirst(str(lang, `coping.${id}`)),
      unit,
      help: `${str(lang, `coping.${id}.help`)} ${L(lang, `Uses of this coping policy (Lipsky), counted as ${unit}.`, `Bruk av denne mestringsstrategien (Lipsky), telt som ${unit}.`)}`,
      betterWhen: 'lower',
    };
  }

  id = after('ipStatus.');
  if (id !== null && has(IP_STATES, id)) {
    const [en, nb, better] = IP_STATE_HELP[id];
    return {
      label: L(lang, 'Plan status: ', 'Planstatus: ') + lcFirst(str(lang, `ipState.${id}`)),
      unit: L(lang, 'share', 'andel'),
      help: L(
        lang,
        `Share of the weeks of users with a right to a plan in which their individual plan (IP) was ${en}.`,
        `Andel av ukene til brukere med rett til plan der den individuelle planen (IP) var ${nb}.`,
      ),
      betterWhen: better,
    };
  }
  return null;
}

/**
 * Label, unit, help and better direction of a public metric, in `lang`. `serviceLabel` maps service
 * ids to display names for `utilisation.<service>`. Unknown names fall back to the name itself.
 */
export function metricText(name: string, lang: Lang, serviceLabel?: Readonly<Record<string, string>>): MetricText {
  const entry = Object.prototype.hasOwnProperty.call(EXACT, name) ? EXACT[name] : undefined;
  if (entry !== undefined) {
    const [label, unit, help] = lang === 'nb' ? entry.nb : entry.en;
    return { label, unit, help, betterWhen: entry.better };
  }
  return patternText(name, lang, serviceLabel) ?? { label: name, unit: '', help: '', betterWhen: null };
}

/** True if `name` has its own text (not the fallback). */
export function isKnownMetric(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(EXACT, name) || patternText(name, 'en') !== null;
}
