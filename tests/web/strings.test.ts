import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/model/municipality/causes.js';
import { ACTIVITIES } from '../../src/model/municipality/record.js';
import { COORD_ACTIVITIES, IP_STATES } from '../../src/model/municipality/coordination/coordinationRecord.js';
import { COPING_POLICIES } from '../../src/scenario/coordinationSchema.js';
import { STRINGS } from '../../web/i18n/strings.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  const en = STRINGS.en as Readonly<Record<string, string>>;
  const nb = STRINGS.nb as Readonly<Record<string, string>>;

  it('has the same keys in both languages', () => {
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty value and the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      for (const [lang, table] of [['en', en], ['nb', nb]] as const) {
        expect(typeof table[key], `${lang} ${key}`).toBe('string');
        expect(table[key].trim(), `${lang} ${key}`).not.toBe('');
      }
      expect(placeholders(nb[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('covers every cause, coping policy, activity and IP state of the model', () => {
    const keys = [
      ...CAUSES.flatMap((c) => [`cause.${c}`, `cause.${c}.help`]),
      ...COPING_POLICIES.flatMap((p) => [`coping.${p}`, `coping.${p}.help`]),
      ...ACTIVITIES.map((a) => `activity.${a}`),
      ...COORD_ACTIVITIES.map((a) => `coordActivity.${a}`),
      ...IP_STATES.map((s) => `ipState.${s}`),
    ];
    for (const k of keys) {
      expect(en[k], `en ${k}`).toBeTruthy();
      expect(nb[k], `nb ${k}`).toBeTruthy();
    }
  });

  it('covers the areas the dashboard needs', () => {
    for (const k of [
      'app.title', 'app.tagline', 'scenario.a', 'scenario.b', 'common.vs', 'controls.seed', 'controls.replications', 'controls.run',
      'controls.pause', 'controls.resume', 'controls.stepEvent', 'controls.stepDay', 'controls.stepWeek', 'controls.speed', 'controls.reset',
      'controls.cancel', 'controls.language', 'compare.sideBySide', 'compare.overlaid', 'view.live', 'chairs.legend.seat', 'chairs.legend.queue',
      'chairs.legend.transit', 'chairs.legend.floor', 'chairs.legend.home', 'chairs.legend.coordinator', 'headline.metric', 'headline.diff',
      'headline.ci95', 'headline.who', 'verdict.bBetter', 'verdict.aBetter', 'verdict.noClear', 'progress.replications', 'time.dayOf',
      'time.year', 'time.week', 'chart.caseload.title', 'chart.waitEcdf.title', 'chart.waitOverTime.title', 'chart.betweenChairsByCause.title',
      'chart.betweenChairsDays.title', 'chart.staffTime.title', 'chart.coordinatorTime.title', 'chart.coping.title', 'chart.handoffs.title',
      'axis.timeDays', 'axis.timeWeeks', 'axis.timeMonths', 'axis.users', 'axis.hoursPerWeek', 'axis.eventsPerMonth', 'axis.share',
      'scenarioPanel.builtIn', 'scenarioPanel.loadFile', 'scenarioPanel.drop', 'scenarioPanel.levers', 'scenarioPanel.advanced',
      'scenarioPanel.apply', 'scenarioPanel.revert', 'scenarioPanel.invalid', 'scenarioPanel.errorAt', 'scenarioPanel.autosaved',
      'story.title', 'story.close', 'story.clickUser', 'story.waiting', 'story.handoffVia', 'story.coordinator', 'story.meeting',
      'story.fellBecause', 'export.png', 'export.svg', 'export.csv', 'export.json', 'export.scenarioJson', 'export.copyLink',
      'export.linkCopied', 'error.workerCrashed', 'error.workerNotResponding', 'error.notJson', 'teaching.narrative', 'teaching.predict',
      'teaching.notice',
    ]) {
      expect(en[k], k).toBeTruthy();
    }
  });

  it('uses the domain words in bokmål', () => {
    const all = Object.values(nb).join('\n');
    for (const word of ['Stafettløp', 'Integrert team', 'Koordinator', 'Individuell plan (IP)', 'Ansvarsgruppe', 'Koordinerende enhet', 'Faller mellom stolene', 'Tjeneste', 'Henvisning', 'Ventetid', 'Saksmengde', 'Mestringsstrategier', 'Grensespenner']) {
      expect(all, word).toContain(word);
    }
  });
});
