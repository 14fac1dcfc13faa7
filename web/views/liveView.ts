import type { MunicipalitySnapshot } from '../../src/model/municipality/snapshot.js';
import { CAUSES } from '../../src/model/municipality/causes.js';
import { LIVE_LIMITS, type LiveMessage, type ScenarioInfo, type Slot, type StepSize } from '../../src/protocol.js';
import { CHAIR_COLOURS, drawChairs, type ChairsText } from '../charts/chairsView.js';
import { chairsLayout, type Dot } from '../derive/chairsLayout.js';
import { SPELL_REASONS } from '../../src/model/municipality/spellReasons.js';
import { scenarioName } from '../i18n/dataLabels.js';
import { fmtNumber, getLang, t } from '../i18n/i18n.js';
import { reasonText } from '../i18n/metrics.js';
import type { StringKey } from '../i18n/i18n.js';

/** Speed slider position (0-100) <-> simulated days per second, on a log scale. */
export function speedFromSlider(v: number): number {
  const lo = Math.log(LIVE_LIMITS.minSpeed);
  const hi = Math.log(LIVE_LIMITS.maxSpeed);
  return Math.round(Math.exp(lo + ((hi - lo) * v) / 100));
}

export function sliderFromSpeed(s: number): number {
  const lo = Math.log(LIVE_LIMITS.minSpeed);
  const hi = Math.log(LIVE_LIMITS.maxSpeed);
  return Math.round((100 * (Math.log(s) - lo)) / (hi - lo));
}

export interface LiveControls {
  play(): void;
  pause(): void;
  step(size: StepSize): void;
  setSpeed(daysPerSecond: number): void;
  reset(): void;
  pick(slot: Slot, user: number): void;
}

/**
 * The live view: two municipalities as chairs (A and B, same seed), the player (play/pause,
 * step an event, a day, a week, speed) and keyboard control: space plays or pauses, → steps an
 * event, shift+→ a day, ↑ a week.
 */
export class LiveView {
  private playing = false;
  private readonly snaps = new Map<Slot, MunicipalitySnapshot>();
  private infos = new Map<Slot, ScenarioInfo>();
  private state: Extract<LiveMessage, { kind: 'state' }> | null = null;
  private frame = 0;
  /** Slots with a snapshot not yet drawn: a frame redraws only the panels that changed. */
  private readonly dirty = new Set<Slot>();
  /** Least time between two drawings (ms), and when the last one was: see `setMinInterval`. */
  private minInterval = 0;
  private lastDraw = -Infinity;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly drawnAt = new Map<Slot, number>();
  /** The size the chairs are laid out at, in px: the panel's width (ResizeObserver), and a height in proportion. */
  private size: { width: number; height: number } | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly c: LiveControls) {
    const $ = (id: string) => document.getElementById(id)!;
    $('play').addEventListener('click', () => (this.playing ? c.pause() : c.play()));
    $('step-event').addEventListener('click', () => c.step('event'));
    $('step-day').addEventListener('click', () => c.step('day'));
    $('step-week').addEventListener('click', () => c.step('week'));
    $('reset').addEventListener('click', () => c.reset());
    const speed = $('speed') as HTMLInputElement;
    speed.value = String(sliderFromSpeed(LIVE_LIMITS.defaultSpeed));
    speed.addEventListener('input', () => c.setSpeed(speedFromSlider(Number(speed.value))));
    // The chairs grow with the window: a new panel width lays the municipality out again at that
    // width (debounced) and redraws the last snapshots, so a paused view follows a resize too and
    // every dot stays in its seat.
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => {
        if (this.resizeTimer !== null) clearTimeout(this.resizeTimer);
        this.resizeTimer = setTimeout(() => {
          this.resizeTimer = null;
          const next = chairsSize(document.querySelector<HTMLElement>('#chairs-A .chairs-host'));
          if (!next || (this.size && next.width === this.size.width)) return;
          this.size = next;
          this.render(true);
        }, this.size === null ? 0 : RESIZE_DEBOUNCE_MS);
      }).observe(document.querySelector('.chairs-pair')!);
    }
    document.addEventListener('keydown', (e) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      if (e.key === ' ') {
        e.preventDefault();
        if (this.playing) c.pause();
        else c.play();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        c.step(e.shiftKey ? 'day' : 'event');
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        c.step('week');
      }
    });
  }

  setScenarios(infos: Map<Slot, ScenarioInfo>): void {
    this.infos = infos;
    this.snaps.clear();
    for (const slot of ['A', 'B'] as Slot[]) {
      const fig = document.getElementById(`chairs-${slot}`)!;
      const info = infos.get(slot);
      fig.hidden = !info;
      fig.querySelector('.name')!.textContent = info ? scenarioName(info) : '';
      const host = fig.querySelector<HTMLElement>('.chairs-host')!;
      if (info && info.model !== 'municipality') host.innerHTML = `<p class="empty">${t('live.notMunicipality')}</p>`;
      else host.replaceChildren();
    }
  }

  onMessage(m: LiveMessage): void {
    if (m.kind === 'snapshot') {
      this.snaps.set(m.slot, m.snapshot);
      this.dirty.add(m.slot);
    } else if (m.kind === 'state') this.state = m;
    this.schedule();
  }

  /**
   * Draws at most every `ms` milliseconds (0: on every animation frame that has news), and then one
   * panel per frame. The page asks for this while replications stream in: a frame of the live view
   * costs the main thread 7-9 ms of CPU (script, style, layout, paint, commit; both panels nearly
   * twice that), and drawn on every snapshot (up to 20 a second) the live view was most of the main
   * thread's work and of its long tasks on two cores, where the replication worker and V8's
   * collector take the rest (npm run bench:browser -- --trace, 20 replications a side, before this
   * pacing: 12.8 s of main-thread CPU and 369 tasks over 50 ms with the live view playing, 5.6 s
   * and 51 with it still).
   */
  setMinInterval(ms: number): void {
    this.minInterval = ms;
  }

  private schedule(): void {
    if (this.frame !== 0 || this.waitTimer !== null) return;
    const wait = this.minInterval - (performance.now() - this.lastDraw);
    if (wait <= 0) {
      this.frame = requestAnimationFrame(() => this.render(false));
      return;
    }
    this.waitTimer = setTimeout(() => {
      this.waitTimer = null;
      this.frame = requestAnimationFrame(() => this.render(false));
    }, wait);
  }

  /**
   * Draws at most once per animation frame, whatever the message rate, and only what changed:
   * snapshots of A and B arrive apart, and each frame redrew both panels and rewrote every text.
   * With chairsView's writes of changed values only and no layout read, a frame's script went
   * from 8.9 to 2.5 ms and its whole task (script, style, layout, paint, commit) from 15.3 to
   * 8.6 ms (medians, Chromium trace of the live view playing 10 s on this 2-core machine).
   */
  render(all = true): void {
    this.frame = 0;
    this.lastDraw = performance.now();
    const s = this.state;
    if (s) {
      this.playing = s.playing;
      const play = document.getElementById('play')!;
      // "Resume" only once there is something to resume: at day 0 nothing has run yet.
      setText(play, s.playing ? `❚❚ ${t('controls.pause')}` : s.t > 0 ? `▶ ${t('controls.resume')}` : `▶ ${t('controls.play')}`);
      if (play.dataset.playing !== String(s.playing)) play.dataset.playing = String(s.playing);
      setText(document.getElementById('speed-value')!, t('controls.speed.value', { speed: fmtNumber(s.speed, 0) }));
      const day = Math.floor(s.t);
      // The time axis moves here, with the drawing, not on each message: every DOM change costs
      // the page a frame (style to commit, about 4 ms of main-thread CPU even for a slider).
      const tl = document.getElementById('timeline') as HTMLInputElement;
      if (tl.max !== String(s.horizonDays)) tl.max = String(s.horizonDays);
      if (document.activeElement !== tl && tl.value !== String(day)) tl.value = String(day);
      setText(
        document.getElementById('clock')!,
        `${t('time.dayOf', { day: fmtNumber(day, 0), total: fmtNumber(s.horizonDays, 0) })} · ${t('time.yearN', { year: String(Math.floor(s.t / 365) + 1) })}${s.t < (this.infos.get('A')?.warmupDays ?? 0) ? ` · ${t('time.warmup')}` : ''}`,
      );
    }
    // Paced (while replications stream in), a frame draws one panel, the one waiting longest, and
    // the other comes in the next: each panel keeps its rate and no frame pays for both.
    const only = !all && this.minInterval > 0 ? this.nextPanel() : null;
    for (const [slot, snap] of this.snaps) {
      if (!all && !this.dirty.has(slot)) continue;
      if (only !== null && slot !== only) continue;
      this.dirty.delete(slot);
      const info = this.infos.get(slot);
      if (!info || info.model !== 'municipality') continue;
      const fig = document.getElementById(`chairs-${slot}`)!;
      const host = fig.querySelector<HTMLElement>('.chairs-host')!;
      const lang = getLang();
      this.size ??= chairsSize(host) ?? { width: CHAIRS_WIDTH, height: CHAIRS_HEIGHT };
      const layout = chairsLayout(snap, info.serviceIds, info.serviceLabels.map((l) => l[lang]), info.serviceLevels, this.size);
      drawChairs(host, layout, this.chairsText(), (user) => this.c.pick(slot, user));
      setText(fig.querySelector('.counts')!, `· ${t('chairs.floor')}: ${layout.onFloor} · ${t('chairs.legend.transit').split(':')[0]}: ${layout.inTransit} · ${t('chairs.legend.home').split(':')[0]}: ${layout.atHome}`);
      fig.dataset.onFloor = String(layout.onFloor);
      this.floorList(fig, slot, layout.dots.filter((d) => d.state === 'betweenChairs'));
      fig.dataset.t = String(snap.t);
    }
    if (all) this.dirty.clear();
    if (this.dirty.size > 0) this.schedule();
  }

  /** The dirty panel drawn longest ago. */
  private nextPanel(): Slot | null {
    let best: Slot | null = null;
    for (const slot of this.dirty) if (best === null || (this.drawnAt.get(slot) ?? -Infinity) < (this.drawnAt.get(best) ?? -Infinity)) best = slot;
    if (best !== null) this.drawnAt.set(best, performance.now());
    return best;
  }

  /**
   * The users longest between chairs now, as buttons that open their story (the floor, as a list).
   * The buttons are kept and relabelled in place: the days change every frame while the live view
   * plays, and rebuilding the list each time re-laid out the page below it.
   */
  private floorList(fig: HTMLElement, slot: Slot, floor: Dot[]): void {
    const ol = fig.querySelector<HTMLOListElement>('.floor-list')!;
    const top = [...floor].sort((a, b) => b.daysOnFloor - a.daysOnFloor || a.user - b.user).slice(0, 5);
    if (top.length === 0) {
      if (ol.firstChild) ol.replaceChildren();
      return;
    }
    if (!ol.firstElementChild) {
      const head = document.createElement('li');
      head.className = 'floor-head';
      ol.append(head);
    }
    setText(ol.firstElementChild!, t('live.floorList'));
    while (ol.children.length > top.length + 1) ol.lastElementChild!.remove();
    while (ol.children.length < top.length + 1) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.addEventListener('click', () => this.c.pick(slot, Number(b.dataset.user)));
      li.append(b);
      ol.append(li);
    }
    top.forEach((d, i) => {
      const b = ol.children[i + 1].firstElementChild as HTMLButtonElement;
      if (b.dataset.user !== String(d.user)) b.dataset.user = String(d.user);
      const cause = CAUSES[d.cause];
      // What keeps the user there (issue 20): no service covers the need, dropped out, refused, ...
      const kept = SPELL_REASONS[d.keptBy];
      const vars = { id: String(d.user), cause: cause ? t(`cause.${cause}` as StringKey) : '?', days: fmtNumber(d.daysOnFloor, 0) };
      setText(b, kept ? t('live.floorKeptBy', { ...vars, keptBy: reasonText(kept, getLang()) }) : t('live.floorItem', vars));
    });
  }

  private chairsText(): ChairsText {
    return {
      title: t('chairs.title'),
      floor: t('chairs.floor'),
      seatedQueued: (seated, queued) => `${t('chairs.legend.inService')}: ${seated} · ${t('chairs.legend.queue').split(':')[0]}: ${queued}`,
      overflow: (n) => `+${n}`,
      dotTitle: (d: Dot) => {
        const base = t('tooltip.user', { id: d.user });
        if (d.state !== 'betweenChairs') return base;
        const cause = CAUSES[d.cause];
        return `${base}\n${t('story.fellBecause', { cause: cause ? t(`cause.${cause}` as StringKey) : '?' })} (${fmtNumber(d.daysOnFloor, 0)} ${t('axis.days')})`;
      },
    };
  }

  /** The legend and the panels' scenario names, in the current language. */
  drawLegend(): void {
    for (const slot of ['A', 'B'] as Slot[]) {
      const info = this.infos.get(slot);
      document.getElementById(`chairs-${slot}`)!.querySelector('.name')!.textContent = info ? scenarioName(info) : '';
    }
    const items: Array<[string, StringKey]> = [
      [CHAIR_COLOURS.seated, 'chairs.legend.inService'],
      [CHAIR_COLOURS.queued, 'chairs.legend.queue'],
      [CHAIR_COLOURS.transit, 'chairs.legend.transit'],
      [CHAIR_COLOURS.betweenChairs, 'chairs.legend.floor'],
    ];
    const ul = document.getElementById('chairs-legend')!;
    ul.innerHTML =
      items.map(([c, k]) => `<li><svg width="10" height="10"><circle cx="5" cy="5" r="4" fill="${c}"/></svg> ${t(k)}</li>`).join('') +
      `<li><svg width="10" height="10"><circle cx="5" cy="5" r="3.5" fill="#fff" stroke="#000"/></svg> ${t('chairs.legend.coordinator')}</li>` +
      `<li>${t('chairs.legend.seat')}</li><li>${t('chairs.legend.home')}</li>`;
  }
}

/** The chairs' design size: a panel of another width is laid out at its width and a height in this proportion. */
const CHAIRS_WIDTH = 640;
const CHAIRS_HEIGHT = 430;
/** Narrowest layout, in px: below this the picture scales down rather than squeezing its boxes. */
const CHAIRS_MIN_WIDTH = 360;
const RESIZE_DEBOUNCE_MS = 150;

/** Layout size for a chairs host: its content width (whole px) and a height in the design's proportion; null when it has no width (hidden). */
function chairsSize(host: HTMLElement | null): { width: number; height: number } | null {
  const w = host?.clientWidth ?? 0;
  if (w <= 0) return null;
  const width = Math.max(CHAIRS_MIN_WIDTH, Math.floor(w));
  return { width, height: Math.round((width * CHAIRS_HEIGHT) / CHAIRS_WIDTH) };
}

function setText(el: Element, s: string): void {
  if (el.textContent !== s) el.textContent = s;
}
