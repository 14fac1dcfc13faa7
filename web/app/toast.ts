/**
 * A short message in the page's lower left corner, clear of the header's controls and of the
 * scenario drawer on the right: errors explain themselves and offer the way back.
 */
let timer: ReturnType<typeof setTimeout> | null = null;

export interface ToastAction {
  label: string;
  run: () => void;
}

export function toast(message: string, kind: 'error' | 'info' = 'info', actions?: ToastAction | ToastAction[]): void {
  const el = document.getElementById('toast')!;
  el.className = kind;
  el.replaceChildren(document.createTextNode(message));
  for (const action of actions === undefined ? [] : Array.isArray(actions) ? actions : [actions]) {
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
  timer = null;
  if (kind === 'info' && !actions) timer = setTimeout(() => (el.hidden = true), 4000);
}
