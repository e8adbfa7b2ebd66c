// The kiosk's "Chưa hài lòng" step (issue 18 item 3): which Decree 61 criterion fell short (big icon buttons), an
// optional bounded comment, focus moved at each step, and the inactivity reset with its visible, announced countdown
// that leaves nothing of the previous citizen. Short configured timeouts (idle-after="2"), no timing assertions.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import { Rating } from '@motcua/sdk/schemas';
import '../../packages/elements/src/components/satisfaction/satisfaction.js';
import type { MotcuaSatisfaction } from '../../packages/elements/src/components/satisfaction/satisfaction.js';

const api = new URL('/api/v1', location.origin).href;
const AGENCY = '000.30.02.H17';
const DEVICE = `MCD${'7'.repeat(25)}`;
const root = (el: Element): ShadowRoot => el.shadowRoot!;
const queueName = (): string => `motcua-ratings-test-${crypto.randomUUID().slice(0, 8)}`;
const choices = (el: Element): HTMLButtonElement[] => [...root(el).querySelectorAll<HTMLButtonElement>('[part="choice"]')];
const criteria = (el: Element): HTMLButtonElement[] => [...root(el).querySelectorAll<HTMLButtonElement>('[part="criterion"]')];
const criterion = (el: Element, name: string): HTMLButtonElement =>
  root(el).querySelector<HTMLButtonElement>(`[part="criterion"][data-criterion="${name}"]`)!;
const textarea = (el: Element): HTMLTextAreaElement => root(el).querySelector<HTMLTextAreaElement>('#kiosk-comment')!;
const offline = (): MotcuaClient =>
  createClient({ baseUrl: api, retry: { limit: 0 }, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });

async function kiosk(
  attrs: { idleAfter?: number; lockMs?: number; lang?: string; client?: MotcuaClient; device?: string; agency?: string } = {},
) {
  const el = await fixture<MotcuaSatisfaction>(
    html`<motcua-satisfaction
      mode="kiosk"
      agency=${attrs.agency ?? AGENCY}
      lang=${attrs.lang ?? 'vi'}
      queue=${queueName()}
      lock-ms=${attrs.lockMs ?? 0}
      idle-after=${attrs.idleAfter ?? 60}
      .device=${attrs.device ?? DEVICE}
      .client=${attrs.client ?? offline()}
    ></motcua-satisfaction>`,
  );
  await el.updateComplete;
  return el;
}

async function openStep(el: MotcuaSatisfaction): Promise<void> {
  choices(el)[2]!.click();
  await el.updateComplete;
  await waitUntil(() => criteria(el).length > 0, 'the criterion step did not open');
}

function type(el: MotcuaSatisfaction, value: string): void {
  const box = textarea(el);
  box.value = value;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('<motcua-satisfaction mode="kiosk">: "Chưa hài lòng" asks why', () => {
  it('asks which Decree 61 criterion fell short with big icon buttons, moves focus to the question, and passes axe', async () => {
    const el = await kiosk();
    let votes = 0;
    el.addEventListener('motcua-rating-submit', () => votes++);
    await openStep(el);
    expect(votes, 'no vote is recorded before the citizen sends').to.equal(0);
    expect(root(el).activeElement?.id).to.equal('detail-heading');
    expect(root(el).activeElement!.textContent!.trim()).to.equal('Ông/Bà chưa hài lòng về điều gì?');
    const buttons = criteria(el);
    expect(buttons.map((b) => b.dataset.criterion)).to.deep.equal([
      'totalTime',
      'stepTime',
      'contactCount',
      'agencyCount',
      'oneStopCounter',
      'publicPosting',
      'staffAttitude',
      'feedbackHandling',
      'onlineService',
      'convenience',
    ]);
    expect(criterion(el, 'staffAttitude').textContent!.trim()).to.equal('Thái độ cán bộ');
    for (const b of buttons) {
      const box = b.getBoundingClientRect();
      expect(box.height, `${b.dataset.criterion} height`).to.be.at.least(120);
      expect(box.width, `${b.dataset.criterion} width`).to.be.at.least(120);
      expect(b.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
      expect(b.getAttribute('aria-pressed')).to.equal('false');
    }
    expect(root(el).querySelector('#kiosk-comment')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sends the vote with the criteria tapped and the comment, then focuses the thank-you heading', async () => {
    const el = await kiosk();
    await openStep(el);
    criterion(el, 'staffAttitude').click();
    criterion(el, 'totalTime').click();
    criterion(el, 'convenience').click();
    criterion(el, 'totalTime').click(); // tapped again: unmarked
    await el.updateComplete;
    expect(criterion(el, 'staffAttitude').getAttribute('aria-pressed')).to.equal('true');
    expect(criterion(el, 'totalTime').getAttribute('aria-pressed')).to.equal('false');
    type(el, '  Chờ lâu ở quầy 2  ');
    await el.updateComplete;
    const submitted = oneEvent(el, 'motcua-rating-submit');
    root(el).querySelector<HTMLButtonElement>('.send')!.click();
    const { detail } = await submitted;
    expect(detail.rating).to.deep.include({ overall: 'not_satisfied', channel: 'kiosk', comment: 'Chờ lâu ở quầy 2' });
    expect(detail.rating.criteria).to.deep.equal({ staffAttitude: 0, convenience: 'not_satisfied' });
    expect(Rating.safeParse(detail.rating).success, 'the rating passes the API contract').to.equal(true);
    await waitUntil(() => root(el).activeElement?.localName === 'h2', 'focus did not move to the thank-you screen');
    expect(root(el).activeElement!.textContent!.trim()).to.equal('Cảm ơn Ông/Bà đã đánh giá!');
    // "Xong": the next citizen finds the step empty.
    root(el).querySelector<HTMLButtonElement>('.done')!.click();
    await el.updateComplete;
    await openStep(el);
    expect(criteria(el).filter((b) => b.getAttribute('aria-pressed') === 'true')).to.have.length(0);
    expect(textarea(el).value).to.equal('');
  });

  it('bounds the comment (300 characters, however it is entered) and counts down what is left', async () => {
    const el = await kiosk();
    await openStep(el);
    expect(textarea(el).maxLength).to.equal(300);
    type(el, 'x'.repeat(5000));
    await el.updateComplete;
    expect(root(el).querySelector('#kiosk-comment-counter')!.textContent).to.contain('Còn 0/300 ký tự');
    const submitted = oneEvent(el, 'motcua-rating-submit');
    root(el).querySelector<HTMLButtonElement>('.send')!.click();
    const { detail } = await submitted;
    expect(detail.rating.comment).to.have.length(300);
  });

  it('a double tap on "Chưa hài lòng" does not also mark the criterion under the finger', async () => {
    const el = await kiosk({ lockMs: 2000 });
    await openStep(el);
    const under = criteria(el)[0]!;
    under.click();
    await el.updateComplete;
    expect(under.getAttribute('aria-pressed')).to.equal('false');
  });

  it('works with the keyboard: Enter on a criterion marks it, Tab reaches the comment and Send', async () => {
    const el = await kiosk();
    choices(el)[2]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => criteria(el).length > 0, 'the criterion step did not open');
    expect(root(el).activeElement?.id).to.equal('detail-heading');
    await sendKeys({ press: 'Tab' });
    expect((root(el).activeElement as HTMLElement).dataset.criterion).to.equal('totalTime');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(criterion(el, 'totalTime').getAttribute('aria-pressed')).to.equal('true');
    textarea(el).focus();
    await sendKeys({ type: 'Lâu' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement!.classList.contains('send')).to.equal(true);
    const submitted = oneEvent(el, 'motcua-rating-submit');
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    expect(detail.rating).to.deep.include({ comment: 'Lâu', criteria: { totalTime: 0 } });
  });

  it('after idle-after seconds without a touch: a visible, politely announced countdown, then the start screen with nothing left', async function () {
    this.timeout(20_000);
    const el = await kiosk({ idleAfter: 2 });
    await openStep(el);
    criterion(el, 'stepTime').click();
    type(el, 'Số điện thoại của tôi 0905 123 456');
    await el.updateComplete;
    const submitted = oneEvent(el, 'motcua-rating-submit');
    await waitUntil(() => root(el).querySelector('[part="countdown"]'), 'no countdown was shown', { timeout: 8000 });
    expect(root(el).querySelector('[part="countdown"]')!.textContent).to.match(/Màn hình sẽ trở về sau [12] giây/);
    const live = root(el).querySelector('[role="status"]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(live.textContent).to.match(/Màn hình sẽ trở về sau [12] giây/);
    await expect(el).to.be.accessible();
    // The citizen walked away: the vote and the criterion they tapped count; the unsent comment does not.
    const { detail } = await submitted;
    expect(detail.rating.overall).to.equal('not_satisfied');
    expect(detail.rating.criteria).to.deep.equal({ stepTime: 0 });
    expect(detail.rating.comment).to.equal(undefined);
    await waitUntil(() => choices(el).length === 3, 'the kiosk did not return to its start screen', { timeout: 8000 });
    await el.updateComplete;
    expect(root(el).querySelector('[part="thanks"], [part="countdown"], #kiosk-comment')).to.equal(null);
    expect(root(el).activeElement?.id, 'focus is on the start question').to.equal('question');
    expect(root(el).querySelector('[role="status"]')!.textContent!.trim()).to.equal('');
    // The next citizen opens the step: nothing of the previous one.
    await openStep(el);
    expect(criteria(el).filter((b) => b.getAttribute('aria-pressed') === 'true')).to.have.length(0);
    expect(textarea(el).value).to.equal('');
  });

  it('a touch during the countdown keeps the step open and hides the countdown', async function () {
    this.timeout(20_000);
    const el = await kiosk({ idleAfter: 3 });
    await openStep(el);
    await waitUntil(() => root(el).querySelector('[part="countdown"]'), 'no countdown was shown', { timeout: 8000 });
    criterion(el, 'publicPosting').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(root(el).querySelector('[part="countdown"]')).to.equal(null);
    expect(criteria(el)).to.have.length(10);
  });

  it('in English', async () => {
    const el = await kiosk({ lang: 'en' });
    await openStep(el);
    expect(root(el).querySelector('#detail-heading')!.textContent!.trim()).to.equal('What were you not satisfied with?');
    expect(criterion(el, 'staffAttitude').textContent!.trim()).to.equal('Staff attitude');
    expect(root(el).querySelector('.send')!.textContent!.trim()).to.equal('Send');
  });

  it('the reference server accepts the kiosk vote with its criteria and comment, exactly once', async () => {
    const agency = '000.21.30.H56';
    const { credential } = (await (await fetch(`/demo/demo-device.json?agency=${agency}`)).json()) as { credential: string };
    const posts: number[] = [];
    const client = createClient({
      baseUrl: api,
      retry: { limit: 0 },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const response = await fetch(request);
        if (request.method === 'POST') posts.push(response.status);
        return response;
      },
    });
    const el = await kiosk({ agency, device: credential, client });
    await openStep(el);
    criterion(el, 'oneStopCounter').click();
    type(el, 'Quầy tiếp nhận đông, chờ lâu.');
    await el.updateComplete;
    const submitted = oneEvent(el, 'motcua-rating-submit');
    root(el).querySelector<HTMLButtonElement>('.send')!.click();
    await submitted;
    await el.sync();
    await el.sync();
    expect(el.queueCounts).to.deep.equal({ pending: 0, rejected: 0 });
    expect(posts).to.deep.equal([201]);
  });
});
