// Preloaded into every Node process of a run by scripts/at-time/run.mjs (NODE_OPTIONS=--import): shifts `Date` by
// MOTCUA_AT_OFFSET_MS, so the clock starts at the chosen moment and keeps ticking. The same offset in every process (test
// runner, reference server, CLI children), so they agree on "now".
const offset = Number(process.env.MOTCUA_AT_OFFSET_MS);
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
