import type { ScenarioInfo, UserStory } from '../../src/protocol.js';
import { drawStory } from '../charts/storyChart.js';
import { storyShapes } from '../derive/story.js';
import { groupName, serviceName } from '../i18n/dataLabels.js';
import { fmtNumber, hasKey, t, type StringKey } from '../i18n/i18n.js';
import { esc } from './headlineView.js';

const causeLabel = (c: string) => {
  const key = `cause.${c}` as StringKey;
  return t(key) === key ? c : t(key);
};

/** An exit reason in words (the record names it by id). */
const exitReason = (r: string) => {
  const key = `exit.${r}` as StringKey;
  return hasKey(key) ? t(key) : r;
};

/** Opens the story panel with one user's path (from the live run, up to the moment shown). */
export function showStory(story: UserStory | null, info: ScenarioInfo | undefined, now: number): void {
  const panel = document.getElementById('story')!;
  const body = document.getElementById('story-body')!;
  panel.hidden = false;
  if (!story || !info) {
    document.getElementById('story-title')!.textContent = t('story.title');
    body.innerHTML = `<p class="empty">${esc(t('story.clickUser'))}</p>`;
    return;
  }
  document.getElementById('story-title')!.textContent = `${story.slot}: ${t('story.titleUser', { id: String(story.user) })} · ${groupName(info, story.group)}`;
  const label = (id: string) => serviceName(info, id);
  const shapes = storyShapes(story, now);
  const chart = document.createElement('div');
  chart.className = 'story-chart';
  drawStory(chart, shapes, {
    title: `${t('story.titleUser', { id: story.user })}`,
    axis: t('axis.timeDays'),
    coordinator: t('story.coordinator'),
    floor: t('chairs.floor'),
    laneLabel: label,
    barTitle: (b) =>
      b.kind === 'wait'
        ? t('story.waitingFor', { service: label(shapes.lanes[b.lane]), days: fmtNumber(b.t1 - b.t0, 0) })
        : `${label(shapes.lanes[b.lane])}: ${t('time.day')} ${fmtNumber(b.t0, 0)}–${fmtNumber(b.t1, 0)}`,
    floorTitle: (f) => t('story.fellBecause', { cause: causeLabel(f.cause) }),
    markTitle: (m) => `${t(`story.mark.${m.kind}` as StringKey)} · ${t('time.day')} ${fmtNumber(m.t, 0)}`,
    arrowTitle: (a) => `${a.from >= 0 ? label(shapes.lanes[a.from]) : '→'} → ${a.to >= 0 ? label(shapes.lanes[a.to]) : ''}${a.lost ? ' ✗' : ''}`,
  });
  const list = document.createElement('ol');
  list.className = 'story-list';
  for (const f of shapes.floor) {
    const li = document.createElement('li');
    li.className = 'fall';
    li.textContent = `${t('time.day')} ${fmtNumber(f.t0, 0)}${f.open ? '' : `–${fmtNumber(f.t1, 0)}`}: ${t('story.fellBecause', { cause: causeLabel(f.cause) })}`;
    list.append(li);
  }
  if (shapes.exit) {
    const li = document.createElement('li');
    li.textContent = `${t('time.day')} ${fmtNumber(shapes.exit.t, 0)}: ${t('story.exit', { reason: exitReason(shapes.exit.reason) })}`;
    list.append(li);
  }
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = story.complete ? '' : t('story.incomplete');
  body.replaceChildren(chart, list, note);
}

export function hideStory(): void {
  document.getElementById('story')!.hidden = true;
}
