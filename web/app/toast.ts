/** A short message at the top of the page: errors explain themselves and offer the way back. */
let timer: ReturnType<typeof setTimeout> | null = null;

export function toast(message: string, kind: 'error' | 'info' = 'info', action?: { label: string; run: () => void }): void {
  const el = document.getElementById('toast')!;
  el.className = kind;
  el.replaceChildren(document.createTextNode(message));
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = action.label;
    b.addEventListener('click', () => {
      el.hidden = true;
      action.run();
    });
    el.append(' ', b);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', 'close');
  close.textContent = '×';
  close.addEventListener('click', () => (el.hidden = true));
  el.append(close);
  el.hidden = false;
  if (timer !== null) clearTimeout(timer);
  if (kind === 'info') timer = setTimeout(() => (el.hidden = true), 4000);
}
