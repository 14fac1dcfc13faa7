// docs/teaching.md: five seminar exercises in bokmål and in English. Every link must open the
// dashboard as the dashboard itself reads a link (web/app/persist.ts decodeHash): existing built-in
// scenarios, a view the page has, and the language of its half.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHash } from '../../web/app/persist.js';

const text = readFileSync('docs/teaching.md', 'utf8');
const halves = {
  nb: text.split('\n## Bokmål\n')[1]?.split('\n## English\n')[0] ?? '',
  en: text.split('\n## English\n')[1]?.split('\n## Kilder / Sources\n')[0] ?? '',
};
const LABELS = {
  nb: { exercise: 'Øvelse', parts: ['**Læringsmål:**', '**Lenke', '**Trinn:**', '**Prediksjon før du kjører:**', '**Diskusjon:**'] },
  en: { exercise: 'Exercise', parts: ['**Learning goal:**', '**Link', '**Steps:**', '**Predict before running:**', '**Discussion:**'] },
} as const;
/** The themes of issue 14, in order: the heading of each exercise names its theme. */
const THEMES = [/Lipsky/, /Williams/, /stafettløp|relay/i, /buffer/i, /18/];

const DASHBOARD = 'http://localhost:5173/';
const links = (s: string) => [...s.matchAll(/\]\((http[^)\s]+)\)/g)].map((m) => m[1]);

describe('docs/teaching.md', () => {
  for (const lang of ['nb', 'en'] as const) {
    describe(lang, () => {
      const half = halves[lang];
      const exercises = half.split(/\n### /).slice(1);

      it('has five exercises, each with a learning goal, a link, steps, a prediction, discussion and sources by author and year', () => {
        expect(exercises.map((e) => e.split('\n')[0])).toHaveLength(5);
        exercises.forEach((e, i) => {
          const title = e.split('\n')[0];
          expect(title).toMatch(new RegExp(`^${LABELS[lang].exercise} ${i + 1}: `));
          expect(title, `exercise ${i + 1}'s theme`).toMatch(THEMES[i]);
          for (const part of LABELS[lang].parts) expect(e, `${title}: ${part}`).toContain(part);
          expect(links(e).length, `${title}: a link to the dashboard`).toBeGreaterThan(0);
          expect(e, `${title}: a source cited by author and year`).toMatch(/[A-ZØÆÅ][a-zæøå]+( & [A-Z][a-z]+)? \(?(19|20)\d\d\)?/);
          expect(e.split('**Diskusjon:**')[1] ?? e.split('**Discussion:**')[1], `${title}: discussion questions`).toMatch(/\?/);
        });
      });

      it('every link opens the dashboard on existing scenarios, a view it has, and this language', async () => {
        const all = links(half);
        expect(all.length).toBeGreaterThanOrEqual(5);
        for (const link of all) {
          expect(link.startsWith(`${DASHBOARD}#`), link).toBe(true);
          const url = new URL(link);
          const raw = new URLSearchParams(url.hash.slice(1));
          const { state, lang: linkLang } = await decodeHash(url.hash);
          expect(linkLang, link).toBe(lang);
          expect(state.view, `${link}: a view the dashboard knows`).toBe(raw.get('view'));
          expect(state.a && existsSync(`scenarios/${state.a}.json`), `${link}: scenario a`).toBe(true);
          expect(raw.has('b'), `${link}: b is given (empty for one scenario), so a saved B does not creep in`).toBe(true);
          if (state.b !== null) expect(existsSync(`scenarios/${state.b}.json`), `${link}: scenario b`).toBe(true);
          expect(state.seed, link).toBeTypeOf('number');
          expect(state.reps, link).toBeTypeOf('number');
        }
      });
    });
  }

  it('the two halves link the same scenarios and views, exercise by exercise', () => {
    const strip = (l: string) => l.replace(/&lang=\w+/, '');
    expect(links(halves.nb).map(strip)).toEqual(links(halves.en).map(strip));
  });
});
