import scenarioSchemaJson from '../scenarios/schema.json' with { type: 'json' };

/**
 * The levers a planner or teacher moves with a slider, a select or a toggle: one plain sentence,
 * a unit, a range and the source of the default. A lever is a JSON path into the scenario, so the
 * scenario schema stays the single source of every field (validate the result with
 * `validateScenarioObject` before running it).
 *
 * Levers read and write the resolved scenario (`parseScenario`'s output, every default filled in).
 * On a raw scenario file a defaulted field may be missing, and then `appliesTo` is false.
 * Paths into arrays use index 0 (the first coordinator pool), which every coordination section has.
 */

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Bilingual {
  nb: string;
  en: string;
}

export type LeverValue = string | number | boolean | null;

export interface LeverOption {
  value: LeverValue;
  label: Bilingual;
}

export interface Lever {
  id: string;
  /** JSON path into the (resolved) scenario object. */
  path: Path;
  kind: 'slider' | 'select' | 'toggle';
  min?: number;
  max?: number;
  step?: number;
  options?: LeverOption[];
  /** One plain, sentence-like label. */
  label: Bilingual;
  unit: Bilingual;
  help: Bilingual;
  /** True if the lever means something for this scenario and its path exists in it. */
  appliesTo: (scenario: unknown) => boolean;
}

// ------------------------------------------------------------------------------------------------
// Paths

function isContainer(x: unknown): x is Record<PropertyKey, unknown> {
  return typeof x === 'object' && x !== null;
}

/** True if every segment of `path` names an own key (or an index) of its parent; a null leaf counts. */
export function hasPath(obj: unknown, path: Path): boolean {
  let cur: unknown = obj;
  for (const seg of path) {
    if (!isContainer(cur)) return false;
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg >= cur.length) return false;
    } else if (!Object.prototype.hasOwnProperty.call(cur, seg)) return false;
    cur = cur[seg];
  }
  return true;
}

/** The value at `path`, or undefined if the path does not exist. */
export function getAt(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (!isContainer(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/**
 * A structured clone of `obj` with `value` at `path`; `obj` is not touched. Missing objects and
 * arrays on the way are created (a number segment makes an array). Throws if the path runs through
 * a value that is not an object or array (e.g. `coordination: null`).
 */
export function setAt<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return structuredClone(value) as T;
  const root: unknown = structuredClone(obj);
  if (!isContainer(root)) throw new Error(`cannot set ${pointer(path)}: the root is not an object`);
  let cur: Record<PropertyKey, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    let next = cur[seg];
    if (next === undefined) {
      next = typeof path[i + 1] === 'number' ? [] : {};
      cur[seg] = next;
    } else if (!isContainer(next)) {
      throw new Error(`cannot set ${pointer(path)}: ${pointer(path.slice(0, i + 1))} is ${JSON.stringify(next)}, not an object`);
    }
    cur = next as Record<PropertyKey, unknown>;
  }
  cur[path[path.length - 1]] = structuredClone(value);
  return root as T;
}

/** The JSON pointer of a path, e.g. `/municipality/coordination/pools/0/count`. */
export function pointer(path: Path): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

// ------------------------------------------------------------------------------------------------
// Sources of defaults

interface SchemaNode {
  [key: string]: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  prefixItems?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $ref?: string;
}

const SCHEMA = scenarioSchemaJson as unknown as SchemaNode;

function resolveRef(ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#')) return undefined;
  let cur: unknown = SCHEMA;
  for (const raw of ref.slice(1).split('/').filter((s) => s !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isContainer(cur)) return undefined;
    cur = cur[key];
  }
  return isContainer(cur) ? (cur as SchemaNode) : undefined;
}

/** The node and every alternative it stands for ($ref, anyOf, oneOf, allOf), depth first. */
function variants(node: SchemaNode, seen = new Set<SchemaNode>()): SchemaNode[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const out = [node];
  if (typeof node.$ref === 'string') {
    const target = resolveRef(node.$ref);
    if (target !== undefined) out.push(...variants(target, seen));
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[k];
    if (Array.isArray(list)) for (const n of list) out.push(...variants(n, seen));
  }
  return out;
}

function children(node: SchemaNode, seg: PathSegment): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const v of variants(node)) {
    if (typeof seg === 'number') {
      if (Array.isArray(v.prefixItems) && seg < v.prefixItems.length) out.push(v.prefixItems[seg]);
      else if (isContainer(v.items) && !Array.isArray(v.items)) out.push(v.items);
    } else if (v.properties !== undefined && Object.prototype.hasOwnProperty.call(v.properties, seg)) {
      out.push(v.properties[seg]);
    }
  }
  return out;
}

export interface SchemaSource {
  /** `x-source` of the field: author and year, or "assumption"; null if the schema gives none. */
  source: string | null;
  /** `x-unit` of the field; null if the schema gives none. */
  unit: string | null;
  description: string | null;
  /** The schema default (undefined if the field has none). */
  default: unknown;
}

/**
 * The `x-source` and `x-unit` metadata (and description and default) of the field at `path`, read
 * from `scenarios/schema.json`. Null if the schema has no such field. Where branches differ (the
 * three designs), the first branch with the field wins.
 */
export function leverSource(path: Path): SchemaSource | null {
  let nodes: SchemaNode[] = [SCHEMA];
  for (const seg of path) {
    nodes = nodes.flatMap((n) => children(n, seg));
    if (nodes.length === 0) return null;
  }
  const all = nodes.flatMap((n) => variants(n));
  const first = <T>(pick: (n: SchemaNode) => T | undefined): T | undefined => {
    for (const n of all) {
      const v = pick(n);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const text = (k: string) => first((n) => (typeof n[k] === 'string' ? (n[k] as string) : undefined)) ?? null;
  const source = text('x-source');
  const unit = text('x-unit');
  let description = text('description');
  // Coordination parameters repeat unit and source at the end of the description: drop the repeat.
  if (description !== null && source !== null && unit !== null) {
    const tail = ` [${unit}; ${source}]`;
    if (description.endsWith(tail)) description = description.slice(0, -tail.length);
  }
  const withDefault = all.find((n) => Object.prototype.hasOwnProperty.call(n, 'default'));
  return { source, unit, description, default: withDefault?.default };
}

export interface ProvenanceSource {
  source: string;
  note?: string;
  /** The provenance pointer that matched: the path's own or its nearest ancestor's. */
  pointer: string;
}

/**
 * Where this scenario says its value at `path` comes from: its `provenance` entry for the path or
 * the nearest ancestor (e.g. `/municipality/channels/paper` covers its `lostProbability`).
 */
export function leverProvenance(scenario: unknown, path: Path): ProvenanceSource | null {
  const prov = getAt(scenario, ['provenance']);
  if (!isContainer(prov)) return null;
  for (let n = path.length; n > 0; n--) {
    const p = pointer(path.slice(0, n));
    if (!Object.prototype.hasOwnProperty.call(prov, p)) continue;
    const ref = prov[p];
    if (typeof ref === 'string') return { source: ref, pointer: p };
    if (isContainer(ref) && typeof ref.source === 'string') {
      return typeof ref.note === 'string' ? { source: ref.source, note: ref.note, pointer: p } : { source: ref.source, pointer: p };
    }
  }
  return null;
}

/** The source to show beside a lever: the scenario's own provenance, else the schema's `x-source`. */
export function defaultSource(scenario: unknown, path: Path): { source: string; note?: string; from: 'scenario' | 'schema' } | null {
  const p = leverProvenance(scenario, path);
  if (p !== null) return p.note === undefined ? { source: p.source, from: 'scenario' } : { source: p.source, note: p.note, from: 'scenario' };
  const s = leverSource(path);
  return s !== null && s.source !== null ? { source: s.source, from: 'schema' } : null;
}

// ------------------------------------------------------------------------------------------------
// The levers

const M = 'municipality';
const COORD = [M, 'coordination'] as const;
const POOL0 = [...COORD, 'pools', 0] as const;

const isMunicipality = (s: unknown) => getAt(s, ['model']) === 'municipality';
const hasCoordination = (s: unknown) => isMunicipality(s) && isContainer(getAt(s, COORD));
const designKind = (s: unknown) => getAt(s, [M, 'design', 'kind']);
const designChannel = (s: unknown) => getAt(s, [M, 'design', 'channel']);

/** Applies when `when` holds and the path exists. */
const where = (path: Path, when: (s: unknown) => boolean) => (s: unknown) => when(s) && hasPath(s, path);

const SHARE: Bilingual = { nb: 'andel (0–1)', en: 'share (0–1)' };
const ON_OFF: Bilingual = { nb: 'på/av', en: 'on/off' };

const caseloadOption = (n: number): LeverOption => ({ value: n, label: { nb: `${n} saker`, en: `${n} cases` } });

function lostLever(channel: 'paper' | 'message', names: Bilingual): Lever {
  const path = [M, 'channels', channel, 'lostProbability'] as const;
  return {
    id: `${channel}LostProbability`,
    path,
    kind: 'slider',
    min: 0,
    max: 0.2,
    step: 0.005,
    label: { nb: `Sjanse for at en henvisning sendt som ${names.nb} blir borte`, en: `Chance that a referral sent as ${names.en} is lost` },
    unit: SHARE,
    help: {
      nb: `Sjansen for at en henvisning sendt som ${names.nb} (kanalen i denne utformingen) blir helt borte: en mistet stafettpinne. Dobbelt så stor i overganger mellom nivåer og ved aldersgrenser. Pårørende eller en koordinator kan oppdage det og henvise på nytt.`,
      en: `Chance that a referral sent as ${names.en} (this design's channel) is lost outright: a dropped baton. Doubled at transitions between levels and at age limits. Relatives or a coordinator may notice and refer again.`,
    },
    appliesTo: where(path, (s) => isMunicipality(s) && designChannel(s) === channel),
  };
}

export const LEVERS: readonly Lever[] = [
  {
    id: 'inhabitants',
    path: [M, 'inhabitants'],
    kind: 'slider',
    min: 1000,
    // Up to a city the size of Oslo (scenarios/scale/by-700k.json).
    max: 1_000_000,
    step: 1000,
    label: { nb: 'Innbyggere i kommunen', en: 'Inhabitants of the municipality' },
    unit: { nb: 'innbyggere', en: 'inhabitants' },
    help: {
      nb: 'Folketallet. Nye brukere kommer i forhold til folketallet, mens bemanningen i tjenestene er den samme: flere innbyggere gir mer press på de samme stolene.',
      en: 'The population. New users arrive in proportion to it while the services keep their staff: more inhabitants put more pressure on the same chairs.',
    },
    appliesTo: where([M, 'inhabitants'], isMunicipality),
  },
  {
    id: 'designChannel',
    path: [M, 'design', 'channel'],
    kind: 'select',
    options: [
      { value: 'paper', label: { nb: 'Papir og brev', en: 'Paper and letters' } },
      { value: 'message', label: { nb: 'Elektronisk melding', en: 'Electronic message' } },
      { value: 'sharedLog', label: { nb: 'Felles digital logg', en: 'Shared digital log' } },
    ],
    label: { nb: 'Kanal for henvisninger mellom tjenestene', en: 'Channel for referrals between services' },
    unit: { nb: 'kanal', en: 'channel' },
    help: {
      nb: 'Hvordan en henvisning går fra tjeneste til tjeneste. Hver kanal har sin forsinkelse, sin sjanse for tapt informasjon og sin sjanse for at henvisningen blir borte; papir er tregest og mister mest.',
      en: 'How a referral travels from service to service. Each channel has its own delay, chance of losing information and chance of losing the referral; paper is slowest and loses most.',
    },
    appliesTo: where([M, 'design', 'channel'], isMunicipality),
  },
  lostLever('paper', { nb: 'papir', en: 'paper' }),
  lostLever('message', { nb: 'elektronisk melding', en: 'electronic message' }),
  {
    id: 'unownedThresholdDays',
    path: [M, 'unownedThresholdDays'],
    kind: 'slider',
    min: 1,
    max: 90,
    step: 1,
    label: { nb: 'Dager uten eier før et behov regnes som falt mellom stolene', en: 'Days without an owner before a need counts as fallen between chairs' },
    unit: { nb: 'dager', en: 'days' },
    help: {
      nb: 'Et aktivt behov som ingen tjeneste eier lenger enn dette, telles som en hendelse der brukeren faller mellom stolene. Dette endrer hva som måles, ikke hva tjenestene gjør.',
      en: 'An active need that no service owns for longer than this counts as an event of falling between chairs. This changes what is measured, not what the services do.',
    },
    appliesTo: where([M, 'unownedThresholdDays'], isMunicipality),
  },
  {
    id: 'sharedLogAdoption',
    path: [M, 'sharedLog', 'adoption'],
    kind: 'slider',
    min: 0,
    max: 1,
    step: 0.05,
    label: { nb: 'Andel av tjenestene som bruker felles digital logg', en: 'Share of services that use the shared digital log' },
    unit: SHARE,
    help: {
      nb: 'Sjansen for at hver side av en overlevering bruker den felles loggen (stafettlogg, Helgesen 2019). Loggen brukes når begge sider gjør det; når bare den ene gjør det, blir det dobbeltarbeid.',
      en: 'Chance that each side of a handoff uses the shared log (baton log, Helgesen 2019). The log is used when both sides do; when only one side does, it costs double work.',
    },
    appliesTo: where([M, 'sharedLog', 'adoption'], isMunicipality),
  },
  {
    id: 'caseFinding',
    path: [M, 'caseFinding', 'enabled'],
    kind: 'toggle',
    label: { nb: 'Aktiv oppsporing gjennom kontaktpersoner i hver enhet', en: 'Active case-finding through link persons in each unit' },
    unit: ON_OFF,
    help: {
      nb: 'Kontaktpersoner i enhetene henviser brukere tidlig i funksjonsfallet (Vabø 2019, Sørkommunen). Gir både flere som får tjeneste og flere avslag etter kartlegging.',
      en: 'Link persons in the units refer users early in their decline (Vabø 2019, Sørkommunen). Raises both users served and rejections after assessment.',
    },
    appliesTo: where([M, 'caseFinding', 'enabled'], isMunicipality),
  },
  {
    id: 'teamPullBack',
    path: [M, 'design', 'team', 'pullBackPerWeek'],
    kind: 'slider',
    min: 0,
    max: 0.5,
    step: 0.01,
    label: { nb: 'Sjanse per uke for at et deltidsmedlem hentes tilbake til egen enhet', en: 'Weekly chance that a part-time team member is pulled back to the home unit' },
    unit: { nb: 'andel per uke', en: 'share per week' },
    help: {
      nb: 'Deltidsmedlemmer i det integrerte teamet kan bli hentet tilbake til egen enhet en uke om gangen (Ramsdal 2019). Sjansen skaleres med 1 − medlemmets teamandel, så den virker ikke på heltidsmedlemmer.',
      en: 'Part-time members of the integrated team can be pulled back to their home unit for a week at a time (Ramsdal 2019). The chance scales with 1 − the member\'s team share, so it does not touch full-time members.',
    },
    appliesTo: where([M, 'design', 'team', 'pullBackPerWeek'], (s) => isMunicipality(s) && designKind(s) === 'team'),
  },
  {
    id: 'coordinatorCount',
    path: [...POOL0, 'count'],
    kind: 'slider',
    min: 0,
    // The 700,000-inhabitant city's first pool has 364 (scenarios/scale/by-700k.json).
    max: 400,
    step: 1,
    label: { nb: 'Antall koordinatorer i den første koordinatorgruppen', en: 'Number of coordinators in the first coordinator pool' },
    unit: { nb: 'personer', en: 'persons' },
    help: {
      nb: 'Hvor mange koordinatorer den første gruppen (pool) i scenarioet har. Færre koordinatorer gir større saksmengde, mer belastning og flere mestringsstrategier (Lipsky).',
      en: 'How many coordinators the scenario\'s first pool has. Fewer coordinators mean larger caseloads, more strain and more coping (Lipsky).',
    },
    appliesTo: where([...POOL0, 'count'], hasCoordination),
  },
  {
    id: 'coordinationShare',
    path: [...POOL0, 'coordinationShare'],
    kind: 'slider',
    min: 0.05,
    max: 1,
    step: 0.05,
    label: { nb: 'Andel av stillingen til koordinering (første koordinatorgruppe)', en: 'Share of the post for coordination (first coordinator pool)' },
    unit: { nb: 'andel av stillingen', en: 'share of the post' },
    help: {
      nb: 'Timer per uke til koordinering = stillingsstørrelse × 37,5 × denne andelen; 1 betyr en egen koordinatorstilling. En tilleggsrolle mister noe av tiden når egen enhet har mye å gjøre.',
      en: 'Hours per week for coordination = post size × 37.5 × this share; 1 means a dedicated coordinator post. An add-on role loses part of it when the home unit is busy.',
    },
    appliesTo: where([...POOL0, 'coordinationShare'], hasCoordination),
  },
  {
    id: 'caseloadCap',
    path: [...POOL0, 'caseloadCap'],
    kind: 'select',
    options: [{ value: null, label: { nb: 'Ikke noe tak', en: 'No cap' } }, ...[2, 3, 5, 8, 10, 12, 14, 20, 30].map(caseloadOption)],
    label: { nb: 'Tak på saksmengden per koordinator (første koordinatorgruppe)', en: 'Cap on the caseload per coordinator (first coordinator pool)' },
    unit: { nb: 'saker', en: 'cases' },
    help: {
      nb: 'Største antall saker lederen lar hver koordinator ha (Rorgemoen 2020). Saker over taket venter hos koordinerende enhet. Rundt 14 samtidige saker kalles «drepende».',
      en: 'The most cases a manager lets each coordinator carry (Rorgemoen 2020). Cases beyond the cap wait at the coordinating unit. Around 14 at the same time is called "killing".',
    },
    appliesTo: where([...POOL0, 'caseloadCap'], hasCoordination),
  },
  {
    id: 'managementControl',
    path: [...COORD, 'coping', 'managementControl'],
    kind: 'slider',
    min: 0,
    max: 1,
    step: 0.05,
    label: { nb: 'Sjanse for at ledelsen stopper en mestringsstrategi', en: 'Chance that supervision stops a coping choice' },
    unit: SHARE,
    help: {
      nb: 'Hver gang en overbelastet koordinator tyr til en mestringsstrategi (rasjonering, kø, skumme fløten, forenklet plan ...), stopper veiledning og kontroll den med denne sjansen. 0 = ingen ser etter (Lipsky).',
      en: 'Each time an overloaded coordinator turns to a coping policy (rationing, queueing, creaming, light plans ...), supervision stops it with this chance. 0 = nobody checks (Lipsky).',
    },
    appliesTo: where([...COORD, 'coping', 'managementControl'], hasCoordination),
  },
  {
    id: 'withholdIp',
    path: [...COORD, 'coping', 'policies', 'withholdIp'],
    kind: 'toggle',
    label: { nb: 'Koordinatorer under press kan la være å fortelle om retten til individuell plan', en: 'Coordinators under load may keep quiet about the right to an individual plan' },
    unit: ON_OFF,
    help: {
      nb: 'Når koordinatorene er overbelastet, får færre familier vite om retten til individuell plan og koordinator, fordi det «utløser enormt mye arbeid» (Rorgemoen 2020). De som ikke får vite, får en uoppfylt rett.',
      en: 'When coordinators are overloaded, fewer families are told about their right to an individual plan and a coordinator, because it "triggers an enormous amount of work" (Rorgemoen 2020). Those not told have an unmet right.',
    },
    appliesTo: where([...COORD, 'coping', 'policies', 'withholdIp'], hasCoordination),
  },
  {
    id: 'refuseBase',
    path: [...COORD, 'coordinatingUnit', 'refuseBase'],
    kind: 'slider',
    min: 0,
    max: 0.5,
    step: 0.01,
    label: { nb: 'Sjanse for at en enhetsleder avslår et koordinatoroppdrag når enheten ikke har kø', en: 'Chance that a unit leader refuses a coordinator assignment when the unit has no queue' },
    unit: SHARE,
    help: {
      nb: 'Grunnsjansen for avslag; den stiger mot 1 når arbeidet som venter i enhetens kø vokser (Systad 2021). Gjentatte avslag blir hendelser der brukeren faller mellom stolene (oppdrag sendt tilbake).',
      en: 'The base chance of refusal; it rises towards 1 as the work waiting in the unit\'s queue grows (Systad 2021). Repeated refusals become falls between chairs (returned assignment).',
    },
    appliesTo: where([...COORD, 'coordinatingUnit', 'refuseBase'], hasCoordination),
  },
  {
    id: 'keAuthority',
    path: [...COORD, 'coordinatingUnit', 'authority'],
    kind: 'toggle',
    label: { nb: 'Koordinerende enhet kan overstyre en leders avslag', en: 'The coordinating unit can override a leader\'s refusal' },
    unit: ON_OFF,
    help: {
      nb: 'Med beslutningsmyndighet overstyrer koordinerende enhet avslaget: oppdraget står, men koordinatoren starter med ekstra belastning (Systad 2021).',
      en: 'With decision authority the coordinating unit (koordinerende enhet) overrides the refusal: the assignment stands, but the coordinator starts under strain (Systad 2021).',
    },
    appliesTo: where([...COORD, 'coordinatingUnit', 'authority'], hasCoordination),
  },
  {
    id: 'parallelSchemes',
    path: [...COORD, 'parallelSchemes', 'count'],
    kind: 'slider',
    min: 1,
    max: 6,
    step: 1,
    label: { nb: 'Antall koordinatorordninger rundt hver bruker', en: 'Number of coordinator schemes around each user' },
    unit: { nb: 'ordninger', en: 'schemes' },
    help: {
      nb: 'Kommune, sykehus, fastlege, pakkeforløp, kreftkoordinator ...: hver ordning tar sin del av arbeidet, men k ordninger må samordne seg i k(k − 1)/2 par (Vik & Aarseth 2019).',
      en: 'Municipality, hospital, GP, pathway, cancer coordinator ...: each scheme carries its share of the work, but k schemes must coordinate in k(k − 1)/2 pairs (Vik & Aarseth 2019).',
    },
    appliesTo: where([...COORD, 'parallelSchemes', 'count'], hasCoordination),
  },
];

/** The levers that apply to `scenario`, in display order. */
export function leversFor(scenario: unknown): Lever[] {
  return LEVERS.filter((l) => l.appliesTo(scenario));
}

/** `scenario` with `lever` set to `value` (a structured clone; the input is not touched). */
export function applyLever<T>(scenario: T, lever: Lever, value: LeverValue): T {
  return setAt(scenario, lever.path, value);
}
