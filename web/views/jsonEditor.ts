import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, foldGutter, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';

/**
 * The advanced scenario editor: CodeMirror 6 with JSON highlighting, folding and undo, and the
 * schema's validation problems shown inline (underlined at their JSON path, with a gutter mark
 * and the message on hover). Validation itself happens in the worker; this only shows it.
 */
export class JsonEditor {
  readonly view: EditorView;
  /** True while the text is replaced from outside (a lever): not a user's edit, so no onChange. */
  private replacing = false;

  constructor(parent: HTMLElement, text: string, label: string, onChange: (text: string) => void) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          history(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle),
          json(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !this.replacing) onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    // The scroller is a region the keyboard must be able to scroll (axe scrollable-region-focusable):
    // axe does not count the contenteditable inside it as focusable content.
    this.view.scrollDOM.tabIndex = 0;
    this.view.scrollDOM.setAttribute('role', 'region');
    this.view.scrollDOM.setAttribute('aria-label', label);
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (a lever changed it); undo brings the old text back. */
  setText(text: string): void {
    if (text === this.text) return;
    this.replacing = true;
    try {
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    } finally {
      this.replacing = false;
    }
  }

  /** Shows problems as [from, to, message] ranges of the current text. */
  showProblems(problems: Array<{ from: number; to: number; message: string }>): void {
    const len = this.view.state.doc.length;
    const diagnostics: Diagnostic[] = problems.map((p) => {
      const from = Math.max(0, Math.min(p.from, len));
      return { from, to: Math.max(from, Math.min(p.to, len)), severity: 'error', message: p.message };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  /** Selects a range and scrolls it into view. */
  select(from: number, to: number): void {
    const len = this.view.state.doc.length;
    const a = Math.max(0, Math.min(from, len));
    const b = Math.max(a, Math.min(to, len));
    this.view.dispatch({ selection: { anchor: a, head: b }, scrollIntoView: true });
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }
}
