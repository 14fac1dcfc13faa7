import aboutMd from '../../docs/about.md?raw';
import parametersMd from '../../docs/parameters.md?raw';
import teachingMd from '../../docs/teaching.md?raw';
import { MODEL_VERSION, VERSION } from '../../src/version.js';
import { parseMarkdown, renderMarkdown, section, type Block } from '../app/markdown.js';
import { getLang, t, type Lang } from '../i18n/i18n.js';
import { metricText } from '../i18n/metrics.js';
import { municipalityMetricNames } from '../../src/model/municipality/metrics.js';

/**
 * "About the model" (*Om modellen*): the model summary, the seminar exercises and the parameter
 * table, rendered from the same documents as docs/ (imported as text, so the page and the repository
 * never disagree). The summary and the exercises have a half per language; the sources and the
 * generated parameter table are English only and marked lang="en". An exercise's dashboard link
 * becomes a link within the page that `open` follows (its scenarios, view and language).
 */

/** Where the documents' links to the dashboard point; docs/teaching.md uses them (tests/docs/teaching.test.ts). */
export const DASHBOARD_URL = 'http://localhost:5173/';

const HALF: Record<Lang, string> = { nb: 'Bokmål', en: 'English' };

/** A link of the documents as a link in the page: dashboard links become their hash; other links are shown as text. */
export function pageHref(url: string): string | null {
  return url.startsWith(`${DASHBOARD_URL}#`) ? url.slice(DASHBOARD_URL.length) : null;
}

/** Parsed once: the documents do not change while the page is open. */
const parsed = new Map<string, Block[]>();
const blocks = (key: string, md: () => string) => {
  let b = parsed.get(key);
  if (!b) parsed.set(key, (b = parseMarkdown(md())));
  return b;
};

/** A closed <details> whose `body` is filled by `build` the first time it is opened. */
function lazyDetails(className: string, title: string, before: HTMLElement[], body: HTMLElement, build: () => void): HTMLDetailsElement {
  const d = document.createElement('details');
  d.className = className;
  const summary = document.createElement('summary');
  summary.textContent = title;
  d.append(summary, ...before, body);
  d.addEventListener('toggle', () => {
    if (d.open && !body.hasChildNodes()) build();
  });
  return d;
}

export class AboutView {
  private rendered: Lang | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly open: (hash: string) => void,
  ) {
    host.addEventListener('click', (e) => {
      const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!a || !host.contains(a)) return;
      e.preventDefault();
      this.open(a.getAttribute('href')!);
    });
  }

  /** Draws the view in the page's language (again only when the language changed). */
  render(): void {
    const lang = getLang();
    if (this.rendered === lang) return;
    this.rendered = lang;
    const opts = { top: 3, href: pageHref };
    const versions = document.createElement('p');
    versions.className = 'about-versions';
    versions.textContent = t('about.versions', { version: VERSION, model: MODEL_VERSION });

    const teachingHead = document.createElement('h3');
    teachingHead.textContent = t('about.teaching');
    const teachingHelp = document.createElement('p');
    teachingHelp.className = 'help';
    teachingHelp.textContent = t('about.teachingHelp');
    const teaching = document.createElement('div');
    teaching.className = 'about-teaching';
    // The exercises of this language's half, a level below the view's own headings.
    teaching.append(renderMarkdown(blocks(`teaching.${lang}`, () => section(teachingMd, HALF[lang])), { ...opts, top: 2 }));

    const sourcesHead = document.createElement('h3');
    sourcesHead.textContent = t('about.sources');
    const sources = document.createElement('div');
    sources.lang = 'en';
    sources.append(renderMarkdown(blocks('sources', () => section(teachingMd, 'Kilder / Sources')), opts));

    // The parameter table has 228 rows: built when first opened.
    const note = document.createElement('p');
    note.className = 'help';
    note.textContent = t('about.parametersNote');
    const table = document.createElement('div');
    table.lang = 'en';
    const params = lazyDetails('about-parameters', t('about.parameters'), [note], table, () =>
      table.append(renderMarkdown(blocks('parameters', () => parametersMd.split('\n## ').slice(1).map((s) => `## ${s}`).join('\n')), opts)),
    );

    // Every metric the headline, the charts and the exports use, defined in one sentence in the
    // page's language (the same texts as the tooltips): built when first opened.
    const list = document.createElement('dl');
    const metrics = lazyDetails('about-metrics', t('about.metrics'), [], list, () => {
      for (const name of municipalityMetricNames([], true)) {
        const m = metricText(name, lang);
        if (m.help === '') continue; // a per-service or per-policy series: defined with its family
        const dt = document.createElement('dt');
        dt.textContent = m.unit ? `${m.label} (${m.unit})` : m.label;
        const dd = document.createElement('dd');
        dd.textContent = m.help;
        list.append(dt, dd);
      }
    });

    this.host.replaceChildren(renderMarkdown(blocks(`about.${lang}`, () => section(aboutMd, HALF[lang])), opts), versions, metrics, teachingHead, teachingHelp, teaching, sourcesHead, sources, params);
  }
}
