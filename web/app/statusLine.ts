import { onLangChange } from '../i18n/i18n.js';

/**
 * A status line ("3 of 10 replications", "Done · 25,2 s") kept as a function of the language, so a
 * switch of language rewrites it: a string written once stayed in the language it was written in.
 */
export class StatusLine {
  private text: (() => string) | null = null;

  constructor(private readonly el: HTMLElement) {
    onLangChange(() => this.refresh());
  }

  set(text: () => string): void {
    this.text = text;
    this.refresh();
  }

  clear(): void {
    this.text = null;
    this.el.textContent = '';
  }

  private refresh(): void {
    if (this.text) this.el.textContent = this.text();
  }
}
