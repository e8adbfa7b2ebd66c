// "Nghe" (read aloud) and the text size, in Chromium with the Web Speech API replaced by a recording stub.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { adoptStyles, type LitElement } from 'lit';
import { createClient, type MotcuaClient, type Procedure } from '@motcua/sdk';
import type { DossierStatus } from '@motcua/sdk/schemas';
import '../components/procedure-lookup/procedure-lookup.js';
import '../components/portal/portal.js';
import '../components/dossier-tracker/dossier-tracker.js';
import '../components/satisfaction/satisfaction.js';
import { API, AGENCY, clientWith, json, urlOf } from '../components/procedure-lookup/test-helpers.js';
import { registerLanguage } from './languages.js';
import { registerLanguage as registerThroughLoader } from '../../../embed/src/motcua.js';
import { hmn, HMN_VOICE } from '../languages/hmn.js';
import { chunk, speakable } from './speech.js';
import { TEXT_SIZE_KEY } from './text-size.js';

/** What a test needs of a voice. */
interface FakeVoice {
  lang: string;
  name: string;
  localService: boolean;
  default: boolean;
  voiceURI: string;
}
const voice = (lang: string): FakeVoice => ({ lang, name: `Voice ${lang}`, localService: true, default: false, voiceURI: lang });

class FakeUtterance {
  lang = '';
  voice: FakeVoice | null = null;
  rate = 1;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

/** The browser's speech queue: records what is spoken; `finish()` ends the current utterance. */
class FakeSynthesis extends EventTarget {
  spoken: FakeUtterance[] = [];
  cancelled = 0;
  /** How often the voices were asked for. */
  asked = 0;
  constructor(public voices: FakeVoice[]) {
    super();
  }
  getVoices(): FakeVoice[] {
    this.asked++;
    return this.voices;
  }
  speak(u: FakeUtterance): void {
    this.spoken.push(u);
  }
  cancel(): void {
    this.cancelled++;
  }
  /** Ends every queued utterance, one after the other, as a voice would. */
  finishAll(): void {
    for (let i = 0; i < 1000; i++) {
      const current = this.spoken.find((u) => !(u as { done?: boolean }).done);
      if (!current) return;
      (current as { done?: boolean }).done = true;
      current.onend?.();
    }
  }
}

let synth: FakeSynthesis;
const original = {
  synthesis: Object.getOwnPropertyDescriptor(window, 'speechSynthesis'),
  utterance: Object.getOwnPropertyDescriptor(window, 'SpeechSynthesisUtterance'),
};
function installSpeech(voices: FakeVoice[]): FakeSynthesis {
  synth = new FakeSynthesis(voices);
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synth });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: FakeUtterance });
  return synth;
}
function restoreSpeech(): void {
  for (const [name, descriptor] of [
    ['speechSynthesis', original.synthesis],
    ['SpeechSynthesisUtterance', original.utterance],
  ] as const) {
    if (descriptor) Object.defineProperty(window, name, descriptor);
    else delete (window as unknown as Record<string, unknown>)[name];
  }
}

const root = (el: Element): ShadowRoot => el.shadowRoot!;
const listen = (el: Element): HTMLButtonElement => root(el).querySelector<HTMLButtonElement>('[part="listen"]')!;
const message = (el: Element): string => (root(el).querySelector('[part="speech-message"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
const said = (): string => synth.spoken.map((u) => u.text).join(' ');

/** The real birth-registration record, with a fee and a time the test chooses. */
async function lookupWithDetail(): Promise<HTMLElement> {
  const code = '1.001193';
  const client: MotcuaClient = clientWith(async (input, init) => {
    const response = await fetch(input, init);
    if (!urlOf(input).pathname.endsWith(`/procedures/${code}`)) return response;
    const procedure = (await response.json()) as Procedure;
    return json({ ...procedure, feeSummary: { minVnd: 50_000, maxVnd: 50_000 }, processingTime: { value: 3, unit: 'working_day' } });
  });
  location.hash = `thu-tuc=${code}`;
  const portal = await fixture<HTMLElement>(
    html`<motcua-portal .client=${client} agency=${AGENCY}><motcua-procedure-lookup no-history></motcua-procedure-lookup></motcua-portal>`,
  );
  const el = portal.querySelector<HTMLElement>('motcua-procedure-lookup')!;
  await waitUntil(() => root(el).querySelector('[part="listen"]'), 'no "Nghe" button on the procedure detail', { timeout: 10_000 });
  return el;
}

const CODE = '000.30.01.H17-261120-0042';
const dossier = (status: DossierStatus['status'] = 'payment_requested'): DossierStatus => ({
  code: CODE,
  view: 'public',
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  agency: { code: '000.30.01.H17', name: 'UBND xã Hòa Vang' },
  status,
  statusCode: 4,
  submittedAt: '2026-11-20T08:00:00+07:00',
  receivedAt: '2026-11-20T08:30:00+07:00',
  dueAt: '2026-12-04T16:30:00+07:00',
  finishedAt: null,
  returnedAt: null,
  timing: 'in_progress',
  channel: 'online',
  resultDelivery: 'counter',
  steps: [{ name: 'Tiếp nhận hồ sơ', unit: 'Bộ phận Một cửa', startedAt: '2026-11-20T08:30:00+07:00' }],
  pending:
    status === 'payment_requested'
      ? { kind: 'payment', requestedAt: '2026-11-21T08:00:00+07:00', amountVnd: 20_000, note: 'Nộp lệ phí' }
      : null,
  reason: null,
  rated: false,
});
async function tracker(body: DossierStatus): Promise<HTMLElement> {
  const client = createClient({
    baseUrl: 'http://motcua.invalid/api/v1',
    retry: { limit: 0 },
    fetch: async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
  });
  const el = await fixture<HTMLElement>(html`<motcua-dossier-tracker .client=${client} code=${CODE}></motcua-dossier-tracker>`);
  await waitUntil(() => root(el).querySelector('[part="listen"]'), 'no "Nghe" button on the dossier status', { timeout: 5000 });
  return el;
}

const DEVICE = `MCD${'7'.repeat(25)}`;
async function kiosk(lang = ''): Promise<HTMLElement> {
  const offline = createClient({ baseUrl: API, retry: { limit: 0 }, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
  const el = await fixture<HTMLElement>(
    html`<motcua-satisfaction
      mode="kiosk"
      lang=${lang}
      agency="000.30.02.H17"
      queue=${`motcua-ratings-speech-${crypto.randomUUID().slice(0, 8)}`}
      .device=${DEVICE}
      .client=${offline}
    ></motcua-satisfaction>`,
  );
  await waitUntil(() => root(el).querySelector('[part="listen"]'), 'no "Nghe" button on the kiosk', { timeout: 5000 });
  return el;
}

describe('read aloud ("Nghe")', () => {
  afterEach(() => {
    restoreSpeech();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('reads the procedure detail in Vietnamese with a vi-VN voice that arrives late, fee and time in words', async () => {
    installSpeech([]); // Chrome: no voices until `voiceschanged`
    const el = await lookupWithDetail();
    const button = listen(el);
    expect(button.textContent).to.contain('Nghe');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();
    button.click();
    await waitUntil(() => synth.asked > 0, 'the voices were never asked for');
    expect(synth.spoken).to.have.length(0);
    synth.voices = [voice('en-US'), voice('vi-VN')];
    synth.dispatchEvent(new Event('voiceschanged'));
    await waitUntil(() => synth.spoken.length > 0, 'nothing was spoken');
    await waitUntil(() => listen(el).getAttribute('aria-pressed') === 'true', 'the button does not show it is reading');
    // Chunk by chunk: the first is queued, the next when it ends.
    synth.finishAll();
    const text = said();
    expect(text).to.match(/đăng ký khai sinh/i);
    expect(text).to.contain('Thời hạn giải quyết: 3 ngày làm việc');
    expect(text).to.contain('50.000 đồng');
    expect(text).not.to.contain('₫');
    expect(synth.spoken.every((u) => u.lang === 'vi-VN' && u.voice?.lang === 'vi-VN')).to.equal(true);
    expect(synth.spoken.every((u) => u.text.length <= 180)).to.equal(true);
    await waitUntil(() => listen(el).getAttribute('aria-pressed') === 'false', 'reading did not end');
  });

  it('reads the dossier status with dates and the amount in words; a second press stops it, and so does leaving the page', async () => {
    installSpeech([voice('vi-VN')]);
    const el = await tracker(dossier());
    listen(el).click();
    await waitUntil(() => synth.spoken.length > 0, 'nothing was spoken');
    synth.finishAll();
    const text = said();
    expect(text).to.contain('Chờ nộp phí');
    expect(text).to.contain('ngày 4 tháng 12 năm 2026');
    expect(text).to.contain('20.000 đồng');
    expect(text).not.to.match(/\d{2}\/\d{2}\/\d{4}/);
    await waitUntil(() => listen(el).getAttribute('aria-pressed') === 'false', 'reading did not end');

    // Read again, and stop half-way with a second press.
    listen(el).click();
    await waitUntil(() => listen(el).getAttribute('aria-pressed') === 'true');
    expect(listen(el).textContent).to.contain('Dừng đọc');
    await expect(el).to.be.accessible();
    let cancelled = synth.cancelled;
    listen(el).click();
    await waitUntil(() => synth.cancelled > cancelled, 'stop did not cancel the speech');
    expect(listen(el).getAttribute('aria-pressed')).to.equal('false');
    expect(listen(el).textContent).to.contain('Nghe');

    // And once more: removing the widget stops it.
    listen(el).click();
    await waitUntil(() => listen(el).getAttribute('aria-pressed') === 'true');
    cancelled = synth.cancelled;
    el.remove();
    await waitUntil(() => synth.cancelled > cancelled, 'a removed widget kept reading');
  });

  it('loads the buttons with the content to read, styled, and keeps their styles when the widget sets its sheets again', async () => {
    installSpeech([voice('vi-VN')]);
    // A fee by transfer: the tracker loads its payment block, which sets the widget's style sheets again.
    const body = dossier();
    body.pending = { ...body.pending!, payTo: { bankBin: '970415', account: '113000123456', accountName: 'UBND XA HOA VANG' } };
    const el = (await tracker(body)) as LitElement;
    await waitUntil(() => root(el).querySelector('[part="payment"]'), 'no fee block', { timeout: 5000 });
    await el.updateComplete;
    // `.ra` in read-aloud.ts: the buttons in a row that wraps, not stacked as unstyled blocks.
    const styled = (): boolean => getComputedStyle(root(el).querySelector('[part="read-aloud"]')!).display === 'flex';
    expect(styled(), 'the "Nghe" button is styled').to.equal(true);
    // Whichever loads last (here the widget resetting its sheets, as the fee block does), the buttons stay styled.
    adoptStyles(root(el), (el.constructor as typeof LitElement).elementStyles);
    el.requestUpdate();
    await el.updateComplete;
    expect(styled(), 'the "Nghe" button is still styled').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says clearly when the device has no Vietnamese voice, and speaks nothing', async () => {
    installSpeech([voice('en-US')]);
    const el = await tracker(dossier('processing'));
    listen(el).click();
    await waitUntil(() => message(el), 'no message');
    expect(message(el)).to.contain('chưa có giọng đọc tiếng Việt');
    expect(root(el).querySelector('[part="speech-message"]')!.getAttribute('role')).to.equal('status');
    expect(synth.spoken).to.have.length(0);
    expect(listen(el).getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('says so when the browser has no speech synthesis at all', async () => {
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
    const el = await kiosk();
    listen(el).click();
    await waitUntil(() => message(el), 'no message');
    expect(message(el)).to.contain('không đọc to được');
  });

  it('reads a registered language pack with its voice, and offers Vietnamese when the device has no voice for it', async () => {
    registerLanguage('hmn', hmn, { voice: HMN_VOICE });
    installSpeech([voice('vi-VN')]);
    const el = await kiosk('hmn');
    expect(listen(el).textContent).to.contain('Mloog');
    listen(el).click();
    await waitUntil(() => message(el), 'no message');
    expect(message(el)).to.contain('tiếng H’Mông');
    expect(synth.spoken).to.have.length(0);
    const offer = root(el).querySelector<HTMLButtonElement>('[part="listen-offer"]')!;
    expect(offer.textContent).to.contain('Nghe bằng tiếng Việt');
    await expect(el).to.be.accessible();
    offer.click();
    await waitUntil(() => synth.spoken.length > 0, 'Vietnamese was not read');
    synth.finishAll();
    expect(said()).to.contain('Ông/Bà có hài lòng');
    expect(synth.spoken.every((u) => u.lang === 'vi-VN')).to.equal(true);

    // With a Hmong voice on the device, the pack is read in Hmong.
    installSpeech([voice('vi-VN'), voice('hmn')]);
    const withVoice = await kiosk('hmn');
    listen(withVoice).click();
    await waitUntil(() => synth.spoken.length > 0, 'Hmong was not read');
    synth.finishAll();
    expect(said()).to.contain('Koj puas txaus siab');
    expect(synth.spoken.every((u) => u.lang === 'hmn')).to.equal(true);
    expect(() => registerLanguage('<script>', {})).to.throw(TypeError);
    expect(() => registerLanguage('tyz', {}, { voice: 'vi VN' })).to.throw(TypeError);
  });

  it('reads a pack registered through the script-tag loader with the voice it names (here a Vietnamese voice)', async () => {
    // Test wording only: a page registers its own terms; `voice: 'vi-VN'` reads them with the Vietnamese voice.
    registerThroughLoader('tyz', { 'satisfaction.kioskQuestion': 'Câu hỏi của trang (tyz)' }, { voice: 'vi-VN' });
    installSpeech([voice('en-US'), voice('vi-VN')]);
    const el = await kiosk('tyz');
    listen(el).click();
    await waitUntil(() => synth.spoken.length > 0, 'nothing was spoken');
    synth.finishAll();
    expect(said()).to.contain('Câu hỏi của trang (tyz)');
    expect(synth.spoken.every((u) => u.lang === 'vi-VN')).to.equal(true);
    expect(() => registerThroughLoader('tyz', {}, { voice: 'x y' })).to.throw(TypeError);
  });

  it('splits long text into chunks Chrome does not cut, losing no word; rewrites dates and amounts for the voice', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Giấy tờ số ${i}, bản chính hoặc bản sao có chứng thực`).join(' ');
    const parts = chunk([long, 'Ngắn.']);
    expect(parts.every((p) => p.length <= 180)).to.equal(true);
    expect(parts.join(' ').split(/\s+/)).to.deep.equal(`${long} Ngắn.`.split(/\s+/));
    expect(chunk(['x'.repeat(400)]).every((p) => p.length <= 180)).to.equal(true);
    expect(speakable('vi', 'Hạn 04/12/2026, phí 50.000 ₫')).to.equal('Hạn ngày 4 tháng 12 năm 2026, phí 50.000 đồng');
    expect(speakable('vi', 'Nghị định 104/2022/NĐ-CP ngày 21/12/2022')).to.equal('Nghị định 104/2022/NĐ-CP ngày 21 tháng 12 năm 2022');
    expect(speakable('vi', 'Mã 99/99/2026')).to.equal('Mã 99/99/2026');
  });
});

describe('text size ("Cỡ chữ")', () => {
  const fontSize = (el: Element): number => parseFloat(getComputedStyle(root(el).querySelector('[part="base"]')!).fontSize);
  afterEach(() => {
    localStorage.removeItem(TEXT_SIZE_KEY);
    dispatchEvent(new StorageEvent('storage', { key: null })); // forget the cached choice
    restoreSpeech();
  });

  it('scales every widget on the page, keeps the choice across a re-mount, and works by keyboard-operable buttons', async () => {
    const el = await kiosk();
    const other = await tracker(dossier('processing'));
    const before = fontSize(other);
    expect(before).to.equal(16);
    const toggle = root(el).querySelector<HTMLButtonElement>('[part="text-size"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getBoundingClientRect().height).to.be.at.least(44);
    toggle.click();
    await waitUntil(() => root(el).querySelector('[part="text-size-menu"]'), 'the menu did not open');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const [smaller, , larger] = [...root(el).querySelectorAll<HTMLButtonElement>('[part="text-size-menu"] button')];
    for (const b of root(el).querySelectorAll('[part="text-size-menu"] button'))
      expect(b.getBoundingClientRect().height).to.be.at.least(44);
    expect(smaller!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    const kioskBefore = fontSize(el);
    larger!.click();
    await waitUntil(() => fontSize(other) === 20, 'the other widget did not follow');
    expect(fontSize(el)).to.be.closeTo(kioskBefore * 1.25, 0.5);
    expect(localStorage.getItem(TEXT_SIZE_KEY)).to.equal('1.25');

    other.remove();
    const again = await tracker(dossier('processing'));
    expect(fontSize(again)).to.equal(20);
    await expect(again).to.be.accessible();
  });

  it('ignores a stored value that is not a step, and still works when storage is blocked', async () => {
    localStorage.setItem(TEXT_SIZE_KEY, '1000');
    dispatchEvent(new StorageEvent('storage', { key: TEXT_SIZE_KEY }));
    const el = await tracker(dossier('processing'));
    expect(fontSize(el)).to.equal(16);
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      root(el).querySelector<HTMLButtonElement>('[part="text-size"]')!.click();
      await waitUntil(() => root(el).querySelector('[part="text-size-menu"]'));
      [...root(el).querySelectorAll<HTMLButtonElement>('[part="text-size-menu"] button')][2]!.click();
      await waitUntil(() => fontSize(el) === 20, 'the page did not follow the choice');
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });
});
