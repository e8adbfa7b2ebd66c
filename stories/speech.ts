// Stories of the "Nghe" (read aloud) states: the browser's speech synthesis replaced by a silent stand-in with the
// voices a story asks for, so each state looks the same on every machine (a story's `beforeEach`).

/** A voice as the Web Speech API lists it. */
const voice = (lang: string) => ({ lang, name: `Voice ${lang}`, localService: true, default: false, voiceURI: lang });

class SilentUtterance {
  lang = '';
  voice: unknown = null;
  rate = 1;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

/** `beforeEach` of a story: speech with `langs` voices that never finishes (the "reading" state stays on screen). */
export function withVoices(...langs: string[]): () => () => void {
  return () => {
    const before = {
      synthesis: Object.getOwnPropertyDescriptor(window, 'speechSynthesis'),
      utterance: Object.getOwnPropertyDescriptor(window, 'SpeechSynthesisUtterance'),
    };
    const synthesis = Object.assign(new EventTarget(), {
      getVoices: () => langs.map(voice),
      speak: () => undefined,
      cancel: () => undefined,
    });
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synthesis });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: SilentUtterance });
    return () => {
      for (const [name, descriptor] of [
        ['speechSynthesis', before.synthesis],
        ['SpeechSynthesisUtterance', before.utterance],
      ] as const) {
        if (descriptor) Object.defineProperty(window, name, descriptor);
        else delete (window as unknown as Record<string, unknown>)[name];
      }
    };
  };
}

/** Waits for `selector` in the shadow root of the first `tag` in `canvas`, then clicks it. */
export async function press(canvas: HTMLElement, tag: string, selector: string): Promise<void> {
  await customElements.whenDefined(tag);
  const el = canvas.querySelector(tag)!;
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector(selector); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  el.shadowRoot?.querySelector<HTMLElement>(selector)?.click();
}
