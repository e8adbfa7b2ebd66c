// The Storybook toolbar's dark theme and large text: custom properties set on the page, the way a host site themes the
// widgets (docs/theming in the introduction). Only `--motcua-*` properties: nothing inside the widgets is reached.

/** A dark palette with WCAG AA contrast for text on background and surface. */
export const DARK_THEME: Readonly<Record<string, string>> = {
  '--motcua-color-background': '#121417',
  '--motcua-color-surface': '#1e2228',
  '--motcua-color-text': '#f2f2f2',
  '--motcua-color-text-muted': '#c4c8cf',
  '--motcua-color-border': '#8a8f98',
  '--motcua-color-primary': '#ff9e94',
  '--motcua-color-on-primary': '#1b1b1b',
  '--motcua-color-link': '#9cc3ff',
  '--motcua-color-success': '#7ad896',
  '--motcua-color-warning': '#f2c14e',
  '--motcua-color-danger': '#ff9e94',
  '--motcua-color-focus': '#ffbf47',
  '--motcua-color-mark': '#5c4b00',
};

/** Large text: the base size the widgets scale from (their default is 16px), and the kiosk's. */
export const LARGE_TEXT: Readonly<Record<string, string>> = {
  '--motcua-font-size': '22px',
  '--motcua-kiosk-font-size': 'clamp(26px, 3.2vw, 40px)',
};

/** Sets (or removes) the dark theme and large text on `root`, and the page's own background and text colour. */
export function applyAppearance(root: HTMLElement, { dark, large }: { dark: boolean; large: boolean }): void {
  for (const [name, value] of Object.entries(DARK_THEME)) {
    if (dark) root.style.setProperty(name, value);
    else root.style.removeProperty(name);
  }
  for (const [name, value] of Object.entries(LARGE_TEXT)) {
    if (large) root.style.setProperty(name, value);
    else root.style.removeProperty(name);
  }
  root.style.colorScheme = dark ? 'dark' : '';
  root.style.background = dark ? DARK_THEME['--motcua-color-background']! : '';
  root.style.color = dark ? DARK_THEME['--motcua-color-text']! : '';
}
