import { loadViewState } from '../app/persist.js';
import { t } from '../i18n/i18n.js';
import { esc } from './headlineView.js';

/**
 * The guide a first visit gets: pick the question, press Run, read the headline. It sits in the
 * page's flow above the headline (it covers none of the controls), and once dismissed it stays away
 * (remembered in localStorage). A returning visitor, who has a stored view, never sees it.
 */

const DISMISSED = 'koordsim.guide.dismissed';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export class Guide {
  private readonly show: boolean;

  /** Reads "first visit" now, before the page stores its view state. */
  constructor(private readonly el: HTMLElement) {
    const s = storage();
    this.show = s !== null && s.getItem(DISMISSED) === null && Object.keys(loadViewState()).length === 0;
    el.hidden = true;
  }

  /** Writes the guide in the current language (or keeps it hidden). */
  render(): void {
    if (!this.show || this.el.dataset.dismissed === 'true') return;
    this.el.hidden = false;
    this.el.innerHTML =
      `<h2 id="guide-title" class="visually-hidden">${esc(t('guide.title'))}</h2><ol>` +
      `<li>${esc(t('guide.pick'))}</li><li>${esc(t('guide.run'))}</li><li>${esc(t('guide.read'))}</li></ol>` +
      `<button type="button" class="secondary" id="guide-dismiss">${esc(t('guide.dismiss'))}</button>`;
    this.el.querySelector('#guide-dismiss')!.addEventListener('click', () => this.dismiss());
  }

  dismiss(): void {
    this.el.hidden = true;
    this.el.dataset.dismissed = 'true';
    this.el.replaceChildren();
    try {
      storage()?.setItem(DISMISSED, new Date().toISOString());
    } catch {
      // storage refused: the guide goes for this visit only
    }
    // The button is gone: the focus goes on to what the guide pointed at, the headline.
    document.getElementById('headline')?.focus({ preventScroll: true });
  }
}
