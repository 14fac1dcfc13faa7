import type { RunDigest } from '../../src/experiment/digest.js';
import type { Slot } from '../../src/protocol.js';
import { t } from '../i18n/i18n.js';
import { drawHeadline, esc } from './headlineView.js';
import { svgCopy } from './svgCopy.js';

/**
 * Presentation mode, for the dashboard on a projector in a meeting room: the page's answer in large
 * type, one thing at a time: first the question and the headline, then each chart. → , ↓, Page
 * Down or space step forward; ←, ↑ or Page Up back; Home and End jump; Escape leaves and gives the
 * focus back to where it was. P opens it (as does the Present button).
 */

export interface PresentationInput {
  digests: Record<Slot, RunDigest[]>;
  running: boolean;
  /** The chart cards in page order: their title and svg as drawn. */
  charts: () => Array<{ id: string; title: string; svg: SVGSVGElement }>;
}

type Slide = { kind: 'headline' } | { kind: 'chart'; id: string };

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

export class Presentation {
  private el: HTMLElement | null = null;
  private slides: Slide[] = [];
  private index = 0;
  private opener: Element | null = null;

  constructor(private readonly input: () => PresentationInput) {
    // In the capture phase, so the live view's own keys (space plays, → steps) do not act behind the slides.
    document.addEventListener('keydown', (e) => this.onKey(e), true);
  }

  get isOpen(): boolean {
    return this.el !== null;
  }

  open(): void {
    if (this.el) return;
    this.opener = document.activeElement;
    const el = document.createElement('div');
    el.id = 'presentation';
    el.className = 'presentation';
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-modal', 'true');
    el.setAttribute('aria-labelledby', 'presentation-title');
    el.tabIndex = -1;
    el.innerHTML =
      `<div class="presentation-bar"><h2 id="presentation-title" class="visually-hidden">${esc(t('present.title'))}</h2>` +
      `<span class="presentation-count" aria-live="polite"></span><span class="presentation-help">${esc(t('present.help'))}</span>` +
      `<button type="button" class="secondary" data-step="-1">${esc(t('present.previous'))}</button><button type="button" class="secondary" data-step="1">${esc(t('present.next'))}</button>` +
      `<button type="button" class="secondary" data-close>${esc(t('present.close'))}</button></div><div class="presentation-slide"></div>`;
    el.querySelectorAll<HTMLButtonElement>('[data-step]').forEach((b) => b.addEventListener('click', () => this.go(this.index + Number(b.dataset.step))));
    el.querySelector('[data-close]')!.addEventListener('click', () => this.close());
    document.body.append(el);
    document.body.classList.add('presenting');
    this.el = el;
    const { charts } = this.input();
    this.slides = [{ kind: 'headline' }, ...charts().map((c) => ({ kind: 'chart' as const, id: c.id }))];
    this.go(0);
    el.focus();
  }

  close(): void {
    if (!this.el) return;
    this.el.remove();
    this.el = null;
    document.body.classList.remove('presenting');
    if (this.opener instanceof HTMLElement) this.opener.focus();
  }

  /** Redraws the slide shown (a new language, new results). */
  refresh(): void {
    if (this.el) this.go(this.index);
  }

  private go(i: number): void {
    const el = this.el;
    if (!el) return;
    this.index = Math.max(0, Math.min(this.slides.length - 1, i));
    const slide = this.slides[this.index];
    const host = el.querySelector<HTMLElement>('.presentation-slide')!;
    el.dataset.slide = String(this.index);
    el.dataset.kind = slide.kind === 'headline' ? 'headline' : slide.id;
    el.querySelector('.presentation-count')!.textContent = t('present.slide', { n: this.index + 1, total: this.slides.length });
    el.querySelector<HTMLButtonElement>('[data-step="-1"]')!.disabled = this.index === 0;
    el.querySelector<HTMLButtonElement>('[data-step="1"]')!.disabled = this.index === this.slides.length - 1;
    if (slide.kind === 'headline') {
      const { digests, running } = this.input();
      host.innerHTML = `<p class="question">${esc(t('app.question'))}</p><h3>${esc(t('headline.title'))}</h3><div class="presentation-headline"></div>`;
      const table = host.querySelector<HTMLElement>('.presentation-headline')!;
      if (digests.A.length + digests.B.length === 0) table.innerHTML = `<p class="empty">${esc(t('report.noResults'))}</p>`;
      else drawHeadline(table, digests.A, digests.B, running);
      table.querySelectorAll('[tabindex]').forEach((n) => n.removeAttribute('tabindex'));
    } else {
      // The chart as drawn now: the charts redraw while replications stream in.
      const chart = this.input().charts().find((c) => c.id === slide.id);
      host.innerHTML = chart ? `<h3 class="visually-hidden">${esc(chart.title)}</h3><figure class="presentation-chart">${svgCopy(chart.svg, `present${this.index}`)}</figure>` : '';
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (!this.el) {
      if ((e.key === 'p' || e.key === 'P') && !target?.closest('input, textarea, select, [contenteditable], .cm-editor')) {
        e.preventDefault();
        this.open();
      }
      return;
    }
    // A focused button of the bar keeps Enter and space for itself.
    if (e.key === ' ' && target?.closest('button')) return;
    if (e.key === 'Escape') this.close();
    else if (NEXT.has(e.key)) this.go(this.index + 1);
    else if (PREVIOUS.has(e.key)) this.go(this.index - 1);
    else if (e.key === 'Home') this.go(0);
    else if (e.key === 'End') this.go(this.slides.length - 1);
    else if (e.key === 'Tab') {
      // Focus stays in the dialog: Tab cycles through its buttons.
      const buttons = [...this.el.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
      if (buttons.length === 0) return;
      const k = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = e.shiftKey ? (k <= 0 ? buttons.length - 1 : k - 1) : (k + 1) % buttons.length;
      buttons[next].focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
