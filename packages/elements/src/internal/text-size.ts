/**
 * The citizen's text size, one per device, shared by every motcua widget on the page: a step of {@link TEXT_SCALES}
 * kept in `localStorage['motcua:text-size']` and applied to each widget as the CSS custom property
 * `--motcua-text-scale` (base.styles multiplies the font size by it). A change is announced with the window event
 * `motcua-text-size`, so every widget on the page follows at once; another tab follows through the `storage` event.
 * @module
 */

/** The steps a citizen can choose (1 = the page's own size). */
export const TEXT_SCALES: readonly number[] = [1, 1.25, 1.5, 1.75];
/** The `localStorage` key (namespaced: a host page's own keys are left alone). */
export const TEXT_SIZE_KEY = 'motcua:text-size';
/** The window event sent when the text size changes; `detail` is the new scale. */
export const TEXT_SIZE_EVENT = 'motcua-text-size';

let current: number | undefined;
/** The widgets this module set the property on (so a host page's own inline value is never removed). */
const applied = new WeakSet<HTMLElement>();

/** A stored value, only when it is one of the steps (anything else written there is ignored). */
const parse = (value: string | null | undefined): number => {
  const scale = Number(value);
  return TEXT_SCALES.includes(scale) ? scale : 1;
};

/** The chosen scale (1 when none was chosen, or storage is blocked, full or holds something else). */
export function textScale(): number {
  if (current === undefined) {
    try {
      current = parse(globalThis.localStorage?.getItem(TEXT_SIZE_KEY));
    } catch {
      current = 1; // storage blocked (Safari private mode, a sandboxed iframe, cookies disabled)
    }
  }
  return current;
}

/** Chooses `scale` (a step of {@link TEXT_SCALES}) for every widget on the page and, when storage allows, this device. */
export function setTextScale(scale: number): void {
  current = parse(String(scale));
  try {
    if (current === 1) localStorage.removeItem(TEXT_SIZE_KEY);
    else localStorage.setItem(TEXT_SIZE_KEY, String(current));
  } catch {
    // Not kept after a reload, but the page still follows the choice.
  }
  dispatchEvent(new CustomEvent(TEXT_SIZE_EVENT, { detail: current }));
}

/** Applies the scale to `el` (only once chosen: a page that sets `--motcua-text-scale` itself keeps it until then). */
export function applyTextScale(el: HTMLElement): void {
  const scale = textScale();
  if (scale !== 1) {
    el.style.setProperty('--motcua-text-scale', String(scale));
    applied.add(el);
  } else if (applied.delete(el)) el.style.removeProperty('--motcua-text-scale');
}

/** Follows changes made by another widget or tab; returns the function that stops following. */
export function followTextScale(el: HTMLElement): () => void {
  const onChange = (event: Event): void => {
    if (event.type === 'storage') {
      if ((event as StorageEvent).key !== TEXT_SIZE_KEY && (event as StorageEvent).key !== null) return;
      current = undefined;
    }
    applyTextScale(el);
  };
  applyTextScale(el);
  addEventListener(TEXT_SIZE_EVENT, onChange);
  addEventListener('storage', onChange);
  return () => {
    removeEventListener(TEXT_SIZE_EVENT, onChange);
    removeEventListener('storage', onChange);
  };
}
