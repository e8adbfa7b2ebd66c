// The browser tests' config with the test pages' clock shifted like the Node processes' (scripts/at-time/run.mjs):
// a script before the test framework replaces `Date` in each test page. Frames the tests open keep the real clock.
import base from '../../web-test-runner.config.mjs';

const offset = Number(process.env.MOTCUA_AT_OFFSET_MS) || 0;
const shift = `<script>(() => { const R = Date; const off = ${offset};
  class D extends R { constructor(...a) { if (a.length === 0) super(R.now() + off); else super(...a); } static now() { return R.now() + off; } }
  globalThis.Date = D; })();</script>`;

export default {
  ...base,
  testRunnerHtml: (framework) =>
    `<!DOCTYPE html><html><head>${shift}</head><body><script type="module" src="${framework}"></script></body></html>`,
};
