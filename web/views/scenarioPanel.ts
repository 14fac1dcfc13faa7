import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import type { ScenarioIssue } from '../../src/scenario/validate.js';
import type { Slot } from '../../src/protocol.js';
import { getLang, plural, t } from '../i18n/i18n.js';
import { applyLever, defaultSource, getAt, leverSource, leversFor, type Lever, type LeverValue } from '../levers.js';
import { esc } from './headlineView.js';
import { JsonEditor } from './jsonEditor.js';

export interface ScenarioPanelHost {
  /** The current text, file name and built-in id (null for a loaded file) of a slot. */
  current(slot: Slot): { text: string; file: string; id: string; builtIn: boolean; edited: boolean } | null;
  /** The slot's scenario with defaults filled in (from the worker), for the levers' values. */
  resolved(slot: Slot): unknown;
  /** Sets a slot's text (autosaved); resolves with the validation problems, empty if it loaded. */
  setText(slot: Slot, text: string, file: string): Promise<ScenarioIssue[]>;
  /** Throws the edits of a built-in away; a file goes back to the last scenario that validated. */
  revert(slot: Slot): Promise<void>;
  /** The problems of the slot's text as it stands (empty when it is valid and running). */
  problems(slot: Slot): ScenarioIssue[];
  /** Opens a file the user dropped or picked, as a new scenario in `slot` (bytes: scenarioFile.ts decodes them). */
  openFile(slot: Slot, bytes: Uint8Array, file: string): Promise<ScenarioIssue[]>;
}

/**
 * The scenario drawer: per slot, the levers a planner or teacher turns (plain words, unit, range,
 * source of the default), a file picker and drop zone, and the JSON editor with the schema's
 * errors at their path and line. Every edit is autosaved; a bad file shows its errors and leaves
 * the running scenario as it was.
 */
export class ScenarioPanel {
  private slot: Slot = 'A';
  private issues: ScenarioIssue[] = [];
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private editor: JsonEditor | null = null;

  constructor(private readonly host: ScenarioPanelHost) {
    document.getElementById('scenario-close')!.addEventListener('click', () => this.close());
  }

  open(slot: Slot = this.slot): void {
    this.slot = slot;
    this.issues = this.host.problems(slot);
    document.getElementById('scenario-panel')!.hidden = false;
    this.render();
  }

  close(): void {
    document.getElementById('scenario-panel')!.hidden = true;
  }

  get isOpen(): boolean {
    return !document.getElementById('scenario-panel')!.hidden;
  }

  /** Builds the drawer for the current slot: header, file drop, levers, editor, problems. */
  render(): void {
    const body = document.getElementById('scenario-body')!;
    const cur = this.host.current(this.slot);
    body.innerHTML = `
      <div class="slot-tabs" role="tablist">
        ${(['A', 'B'] as Slot[]).map((s) => `<button type="button" role="tab" data-slot="${s}" aria-selected="${s === this.slot}"><span class="swatch ${s.toLowerCase()}">${s}</span></button>`).join('')}
        <span class="file"></span>
      </div>
      <div class="issues" role="alert"></div>
      <div class="dropzone" tabindex="0">${esc(t('scenarioPanel.drop'))} <label class="file-pick">${esc(t('scenarioPanel.loadFile'))}<input type="file" accept=".json,application/json" hidden /></label></div>
      <h3>${esc(t('scenarioPanel.levers'))}</h3>
      <div class="levers"></div>
      <details class="advanced" ${this.issues.length > 0 ? 'open' : ''}>
        <summary>${esc(t('scenarioPanel.advanced'))}</summary>
        <div class="json-editor"></div>
        <div class="editor-actions">
          <button type="button" class="primary apply">${esc(t('scenarioPanel.apply'))}</button>
          <button type="button" class="secondary revert" hidden>${esc(t('scenarioPanel.revert'))}</button>
          <span class="saved">${esc(t('scenarioPanel.autosaved'))}</span>
        </div>
      </details>`;
    this.editor?.destroy();
    if (this.debounce !== null) clearTimeout(this.debounce);
    this.debounce = null;
    const slot = this.slot;
    const editor = new JsonEditor(body.querySelector<HTMLElement>('.json-editor')!, cur?.text ?? '', t('scenarioPanel.advanced'), (text) => {
      // Typing is autosaved and validated after a pause; a bad text is kept, never run. The edit
      // belongs to the slot it was typed in, even if the tab changes before the pause is over.
      if (this.debounce !== null) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.submit(text, slot), 600);
    });
    this.editor = editor;
    // An editor created inside a closed <details> has measured nothing: measure when it opens.
    body.querySelector('details.advanced')!.addEventListener('toggle', () => editor.view.requestMeasure());
    body.querySelectorAll<HTMLButtonElement>('[data-slot]').forEach((b) =>
      b.addEventListener('click', () => {
        this.slot = b.dataset.slot as Slot;
        this.issues = this.host.problems(this.slot);
        this.render();
      }),
    );
    body.querySelector('.apply')!.addEventListener('click', () => void this.submit(editor.text));
    body.querySelector('.revert')!.addEventListener('click', async () => {
      this.issues = [];
      await this.host.revert(this.slot);
      this.issues = this.host.problems(this.slot);
      this.render();
    });
    const input = body.querySelector<HTMLInputElement>('input[type=file]')!;
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (f) void this.loadFile(f);
    });
    const zone = body.querySelector<HTMLElement>('.dropzone')!;
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (f) void this.loadFile(f);
    });
    this.renderLevers();
    this.showIssues();
  }

  /** Follows a change of the slot's scenario made elsewhere (a select, a revert), keeping the editor if it has the text. */
  refresh(): void {
    if (!this.isOpen) return;
    const cur = this.host.current(this.slot);
    if (this.editor && cur && this.editor.text !== cur.text && !this.editor.view.hasFocus) this.editor.setText(cur.text);
    this.renderLevers();
  }

  /** The parts that follow the scenario without touching the editor (so typing keeps its place). */
  private renderLevers(): void {
    const body = document.getElementById('scenario-body');
    if (!body) return;
    const cur = this.host.current(this.slot);
    const lang = getLang();
    let parsed: unknown = null;
    try {
      parsed = cur ? JSON.parse(cur.text) : null;
    } catch {
      parsed = null;
    }
    body.querySelector('.file')!.innerHTML = `${esc(cur?.file ?? '')}${cur?.edited ? ` · <em>${esc(t('scenarioPanel.modified'))}</em>` : ''}`;
    (body.querySelector('.revert') as HTMLElement).hidden = !(cur?.builtIn && cur.edited);
    // Levers apply to the validated scenario (defaults filled in) and write into the user's own
    // text, so a file keeps its shape and gains only the field that was changed.
    const resolved = this.host.resolved(this.slot);
    const levers = parsed && resolved ? leversFor(resolved) : [];
    const box = body.querySelector<HTMLElement>('.levers')!;
    box.innerHTML = levers.map((l) => this.leverHtml(l, resolved, parsed, lang)).join('') || `<p class="empty">${esc(t('chart.notApplicable'))}</p>`;
    box.querySelectorAll<HTMLElement>('[data-lever]').forEach((el) => {
      const lever = levers.find((l) => l.id === el.dataset.lever)!;
      const input = el.querySelector<HTMLInputElement | HTMLSelectElement>('input, select')!;
      const out = el.querySelector('output');
      input.addEventListener('input', () => {
        if (out) out.textContent = input.value;
      });
      input.addEventListener('change', () => {
        const next = JSON.stringify(applyLever(parsed, lever, leverValue(lever, input)), null, 2);
        this.editor?.setText(next);
        void this.submit(next);
      });
    });
  }

  private leverHtml(l: Lever, resolved: unknown, raw: unknown, lang: 'nb' | 'en'): string {
    const v = getAt(resolved, l.path);
    const value = v === undefined ? leverSource(l.path)?.default : v;
    const src = defaultSource(raw, l.path) ?? defaultSource(resolved, l.path);
    const source = src ? sourceHtml(src.source, src.note ?? null, lang) : '';
    const label = `<span class="lever-label" title="${esc(l.help[lang])}">${esc(l.label[lang])}</span> <span class="unit">(${esc(l.unit[lang])})</span>`;
    let control = '';
    if (l.kind === 'slider') {
      control = `<input type="range" min="${l.min}" max="${l.max}" step="${l.step ?? 'any'}" value="${esc(String(value ?? ''))}" aria-label="${esc(l.label[lang])}" /><output>${esc(String(value ?? ''))}</output><span class="range">${l.min}–${l.max}</span>`;
    } else if (l.kind === 'toggle') {
      control = `<input type="checkbox" ${value ? 'checked' : ''} aria-label="${esc(l.label[lang])}" />`;
    } else {
      control = `<select aria-label="${esc(l.label[lang])}">${(l.options ?? []).map((o) => `<option value="${esc(JSON.stringify(o.value))}" ${JSON.stringify(o.value) === JSON.stringify(value) ? 'selected' : ''}>${esc(o.label[lang])}</option>`).join('')}</select>`;
    }
    return `<div class="lever" data-lever="${esc(l.id)}"><div>${label}</div><div class="control">${control}</div>${source}</div>`;
  }

  /** Opens a file as a new scenario in the drawer's slot; its problems, if any, show in the editor. */
  async loadFile(f: File): Promise<void> {
    const bytes = new Uint8Array(await f.arrayBuffer());
    this.issues = await this.host.openFile(this.slot, bytes, f.name);
    this.render();
  }

  private async submit(text: string, slot: Slot = this.slot): Promise<void> {
    const cur = this.host.current(slot);
    if (!cur) return;
    const issues = await this.host.setText(slot, text, cur.file);
    if (slot !== this.slot) return; // typed in another tab: saved and loaded there, nothing to show here
    this.issues = issues;
    if (this.issues.length === 0) this.renderLevers();
    this.showIssues(text);
  }

  /** Lists the problems, marks them in the editor at their path, and a click selects the spot. */
  private showIssues(text?: string): void {
    const box = document.querySelector<HTMLElement>('#scenario-body .issues');
    const editor = this.editor;
    if (!box || !editor) return;
    const body = text ?? editor.text;
    const message = (i: ScenarioIssue) => {
      const where = i.line !== undefined ? t('scenarioPanel.errorAtLine', { line: String(i.line), column: String(i.column ?? 1), path: i.path, expected: i.expected, found: i.found }) : t('scenarioPanel.errorAt', { path: i.path, expected: i.expected, found: i.found });
      return `${where}${i.suggestion ? ` ${t('scenarioPanel.didYouMean', { suggestion: i.suggestion })}` : ''}`;
    };
    editor.showProblems(this.issues.map((i) => {
      const [from, to] = issueRange(body, i);
      return { from, to, message: message(i) };
    }));
    if (this.issues.length === 0) {
      box.replaceChildren();
      return;
    }
    // At the top of the drawer, above the levers: on screen beside the editor at 1366x900, with the
    // way back and the reason Run is off.
    const cur = this.host.current(this.slot);
    box.innerHTML = `<p class="error-title">${esc(t('scenarioPanel.invalid'))}: ${esc(plural('scenarioPanel.errorCount', this.issues.length))}</p><ul>${this.issues
      .map((i, k) => `<li><button type="button" class="link" data-issue="${k}">${esc(message(i))}</button></li>`)
      .join('')}</ul><p>${esc(t('scenarioPanel.notRun'))} <button type="button" class="secondary revert-issues">${esc(t(cur?.builtIn ? 'scenarioPanel.revert' : 'scenarioPanel.revertFile'))}</button></p>`;
    box.querySelector('.revert-issues')!.addEventListener('click', async () => {
      this.issues = [];
      await this.host.revert(this.slot);
      this.issues = this.host.problems(this.slot);
      this.render();
    });
    box.querySelectorAll<HTMLButtonElement>('[data-issue]').forEach((b) =>
      b.addEventListener('click', () => {
        const [from, to] = issueRange(body, this.issues[Number(b.dataset.issue)]);
        editor.select(from, to);
      }),
    );
    (box.parentElement!.querySelector('details.advanced') as HTMLDetailsElement).open = true;
    box.scrollIntoView({ block: 'nearest' });
  }
}

/** Character range of an issue in the text: its own offset, else the node at its JSON path. */
export function issueRange(text: string, i: ScenarioIssue): [number, number] {
  if (i.offset !== undefined) return [i.offset, i.offset + Math.max(1, i.length ?? 1)];
  const tree = parseTree(text);
  const node = tree ? findNodeAtLocation(tree, i.pathSegments) : undefined;
  return node ? [node.offset, node.offset + node.length] : [0, 0];
}

function leverValue(l: Lever, input: HTMLInputElement | HTMLSelectElement): LeverValue {
  if (l.kind === 'toggle') return (input as HTMLInputElement).checked;
  if (l.kind === 'slider') return Number(input.value);
  return JSON.parse(input.value) as LeverValue;
}

/**
 * "Default from: <source>" for a lever. The source words of the files, "assumption" and
 * "derived", are translated; a citation (author, year) reads the same in both languages; the
 * comments and notes the files carry are in English only, so they are marked lang="en" (read
 * out in English by a screen reader) rather than passed off as bokmål.
 */
function sourceHtml(source: string, note: string | null, lang: 'nb' | 'en'): string {
  const m = /^(assumption|derived)\b:?\s*(.*)$/s.exec(source);
  let head = source;
  let rest = '';
  if (m) {
    head = t(m[1] === 'assumption' ? 'source.assumption' : 'source.derived');
    rest = m[2];
  } else {
    const i = source.indexOf(' (');
    if (i > 0) {
      head = source.slice(0, i);
      rest = source.slice(i + 1);
    }
  }
  const detail = rest || note ? ` <span class="source-detail" lang="en"${note ? ` title="${esc(note)}"` : ''}>${esc(rest || 'ⓘ')}</span>` : '';
  return `<span class="source">${esc(t('tooltip.source', { source: head }))}${detail}</span>`;
}
