// docs/performance.md, generated from tests/bench/results.json (never typed by hand): `node scripts/evidence.mjs`
// writes it with the README's evidence block, `npm run bench` runs that at its end, and tests/node/evidence.test.ts
// fails when the file differs from what results.json gives.
//
// Every goal is one row of `goalRows(results)`: the figure, the goal, and `met` computed here from the figure. The
// page prints ✅ beside a row only when `met` is true, and "❌ missed" otherwise; a part missing from results.json is
// said to be "not measured", never filled in.

const kb = (bytes) => (bytes / 1024).toFixed(1);
/**
 * KB beside a goal in KB: one decimal, more when one would round a figure over its goal onto it (30,747 B against
 * 30,720 B reads 30.03, not 30.0, so the figure shown is over the goal shown, as its ❌ says).
 */
const kbOver = (bytes, goalBytes) => {
  for (let digits = 1; digits < 3; digits++) {
    const shown = (bytes / 1024).toFixed(digits);
    if (!(bytes > goalBytes) || Number(shown) > Number((goalBytes / 1024).toFixed(1))) return shown;
  }
  return (bytes / 1024).toFixed(3);
};
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const day = (iso) => (iso ? iso.slice(0, 10) : 'unknown date');
const num = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));
const ms = (n) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
export const mark = (met) => (met ? '✅' : '❌ missed');

/** Pages the longest-task goal applies to (issue 17: the landing page and the QR sheet), unless the run names them. */
export const LONGEST_TASK_GOAL_PATHS = ['/', '/in-the-qr'];

/** The longest-main-thread-task goal (ms) for a Lighthouse page, or undefined when the goal does not apply to it. */
export function longestTaskGoal(figures, path) {
  const paths = figures.longestTaskGoalPaths ?? LONGEST_TASK_GOAL_PATHS;
  return paths.includes(path) ? (figures.longestTaskGoalMs ?? 200) : undefined;
}

/**
 * The goals of the project and, for each, the recorded figure and whether it meets the goal.
 * @returns {{ part: string, what: string, figure: string, goal: string, met: boolean, date: string }[]}
 */
export function goalRows(results) {
  const parts = results.parts ?? {};
  const rows = [];
  const add = (part, what, figure, goal, met) => rows.push({ part, what, figure, goal, met: Boolean(met), date: day(parts[part]?.date) });
  const ok = (id) => parts[id]?.status === 'ok' && parts[id].figures;

  if (ok('bytes'))
    for (const p of parts.bytes.figures.pages) {
      add('bytes', `${p.name}: script as Chromium downloads it, after use`, `${p.scriptKbAfterUse} KB`, `≤ ${p.goalKb} KB`, p.met);
      add('bytes', `${p.name}: catalog requests`, String(p.catalogFetches), '≤ 1', p.catalogFetches <= 1);
    }
  if (ok('sizes'))
    for (const r of parts.sizes.figures.rows.filter((r) => r.budget !== undefined))
      add('sizes', `${r.label} (build graph, min+gz -9)`, `${kbOver(r.gz, r.budget)} KB`, `≤ ${kb(r.budget)} KB`, r.gz <= r.budget);
  if (ok('sdk-size')) {
    const s = parts['sdk-size'].figures;
    add('sdk-size', 'SDK for an npm user, everything (gz)', `${s.sdkGzipKb} KB`, `≤ ${s.goalKb} KB`, s.sdkGzipKb <= s.goalKb);
  }
  if (ok('search')) {
    const m = parts.search.figures.libraries[0];
    add('search', 'search per keystroke, national catalog: median', `${m.medianMs.toFixed(2)} ms`, '≤ 0.5 ms', m.medianMs <= 0.5);
    add('search', 'search per keystroke, national catalog: p95', `${m.p95Ms.toFixed(2)} ms`, '≤ 1 ms', m.p95Ms <= 1);
    add('search', 'search index build, national catalog (median)', `${Math.round(m.buildMedianMs)} ms`, '≤ 150 ms', m.buildMedianMs <= 150);
  }
  if (ok('search-quality'))
    for (const [who, key] of [
      ['SDK', 'sdk'],
      ['server ?q=', 'server'],
    ]) {
      const q = parts['search-quality'].figures[key];
      if (!q) continue;
      const worst = Math.min(...Object.values(q.kinds).map((k) => k.hitAt5));
      add('search-quality', `search relevance, ${who}: hit@5 overall`, pct(q.overall.hitAt5), '≥ 90%', q.overall.hitAt5 >= 0.9);
      add('search-quality', `search relevance, ${who}: hit@5 of the worst kind`, pct(worst), '≥ 80%', worst >= 0.8);
    }
  if (ok('load'))
    for (const w of parts.load.figures.widgets) {
      const t = w['slow3g ms'];
      add('load', `${w.name}: usable on slow 3G`, typeof t === 'number' ? ms(t) : String(t), '≤ 3 s', typeof t === 'number' && t <= 3000);
    }
  if (ok('lighthouse'))
    for (const p of parts.lighthouse.figures.pages) {
      add('lighthouse', `Lighthouse ${p.path}: Performance`, String(p.performance), '≥ 90', p.performance >= 90);
      add('lighthouse', `Lighthouse ${p.path}: Accessibility`, String(p.accessibility), '100', p.accessibility >= 100);
      add('lighthouse', `Lighthouse ${p.path}: Best Practices`, String(p.bestPractices), '100', p.bestPractices >= 100);
      add('lighthouse', `Lighthouse ${p.path}: SEO`, String(p.seo), '100', p.seo >= 100);
      if (typeof p.longestTaskMs === 'number' && longestTaskGoal(parts.lighthouse.figures, p.path) !== undefined) {
        const goal = longestTaskGoal(parts.lighthouse.figures, p.path);
        add(
          'lighthouse',
          `Lighthouse ${p.path}: longest main-thread task`,
          `${p.longestTaskMs} ms`,
          `≤ ${goal} ms`,
          p.longestTaskMs <= goal,
        );
      }
    }
  if (ok('server')) {
    const s = parts.server.figures;
    for (const r of (s.reads ?? []).filter((read) => !read.informational)) {
      add('server', `server ${r.route}: req/s against bare node:http`, `${r.ratio}`, '≥ 0.5', r.ratio >= 0.5);
      add('server', `server ${r.route}: p99 at 100 connections`, `${r.server.p99ms} ms`, '≤ 50 ms', r.server.p99ms <= 50);
    }
    if (s.ratings) {
      add('server', 'rating ingest', `${num(s.ratings.reqPerSec)}/s`, '≥ 1,000/s', s.ratings.reqPerSec >= 1000);
      add('server', 'ratings acknowledged but lost', String(s.ratings.lost), '0', s.ratings.lost === 0);
    }
    if (s.startup) {
      add(
        'server',
        'first start (seeding) to first answer',
        ms(s.startup.firstStartToFirstAnswerMs),
        '≤ 15 s',
        s.startup.firstStartToFirstAnswerMs <= 15_000,
      );
      const open = /open (\d+) ms/.exec(s.startup.firstStartLine ?? '')?.[1];
      if (open) add('server', 'first start: database open', ms(Number(open)), '≤ 3 s', Number(open) <= 3000);
      add('server', 'reopen to first answer', ms(s.startup.reopenToFirstAnswerMs), '≤ 2 s', s.startup.reopenToFirstAnswerMs <= 2000);
      if (typeof s.startup.npmStartSecondToPageMs === 'number')
        add(
          'server',
          '`npm start` again, nothing to build: to a served page',
          ms(s.startup.npmStartSecondToPageMs),
          '≤ 5 s',
          s.startup.npmStartSecondToPageMs <= 5000,
        );
    }
    if (s.limitCost)
      add('server', 'dossier look-up with the abuse limits, against without', String(s.limitCost.ratio), '≥ 0.9', s.limitCost.ratio >= 0.9);
  }
  if (ok('ingest')) {
    const g = parts.ingest.figures;
    add('ingest', 'dossier events ingest on PGlite', `${num(g.eventsPerSecond)} events/s`, '≥ 5,000/s', g.eventsPerSecond >= 5000);
  }
  if (ok('communes')) {
    const g = parts.communes.figures.chromium;
    add('communes', `"find my commune" per keystroke over ${num(g.units)} units, p95`, `${g.p95Ms.toFixed(2)} ms`, '≤ 1 ms', g.p95Ms <= 1);
  }
  if (ok('province-stats')) {
    const { pglite, postgres } = parts['province-stats'].figures;
    // A run without DATABASE_URL records why PostgreSQL was not measured (results.json keeps why): no goal row is invented.
    if (postgres && typeof postgres === 'object')
      add(
        'province-stats',
        `provincial stats, ${num(postgres.dossiers)} dossiers, PostgreSQL (median)`,
        ms(postgres.statsMedianMs),
        '≤ 300 ms',
        postgres.statsMedianMs <= 300,
      );
    if (pglite)
      add(
        'province-stats',
        `provincial stats, ${num(pglite.dossiers)} dossiers, PGlite (median)`,
        ms(pglite.statsMedianMs),
        '≤ 1 s',
        pglite.statsMedianMs <= 1000,
      );
  }
  if (ok('push-to-widget')) {
    const g = parts['push-to-widget'].figures;
    add('push-to-widget', 'pushed status change shown by the tracker (slowest of the rounds)', ms(g.maxMs), '≤ 2 s', g.maxMs <= 2000);
  }
  if (ok('webhooks')) {
    const g = parts.webhooks.figures;
    const lost = g.events - g.eventsHandled;
    const failures = `${Math.round(g.injectedFailureShare * 100)}% failures and a restart`;
    add('webhooks', `webhooks never delivered, of ${num(g.events)} through ${failures}`, String(lost), '0', lost === 0);
    add(
      'webhooks',
      'webhooks handled twice by a receiver honouring the delivery id',
      String(g.eventsHandledTwice),
      '0',
      g.eventsHandledTwice === 0,
    );
  }
  return rows;
}

const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');

/** The longest-task cells of a Lighthouse row: the figure (marked where the goal applies) and what the task was. */
function longestTaskCells(figures, p) {
  if (typeof p.longestTaskMs !== 'number') return ['—', '—'];
  const goal = longestTaskGoal(figures, p.path);
  const figure = `${p.longestTaskMs} ms${goal !== undefined ? ` ${mark(p.longestTaskMs <= goal)}` : ''} (${p.longestTaskWorstMs ?? '?'} ms)`;
  const cpu = typeof p.longestTaskCpuMs === 'number' ? `; CPU ${p.longestTaskCpuMs} ms` : '';
  return [figure, escape(`${p.longestTaskUrl ?? '—'}, ${p.longestTaskWork ?? '—'}${cpu}`)];
}

const escape = (s) => String(s).replace(/</g, '&lt;').replace(/>/g, '&gt;');

function partHeading(results, id, fallback) {
  const p = results.parts?.[id];
  if (!p) return [`### ${fallback}`, '', 'Not measured in the recorded run.'];
  const load = p.loadAverage ? ` (1-minute load average ${p.loadAverage.start} → ${p.loadAverage.end} on this part)` : '';
  const head = [`### ${p.title ?? fallback}`, '', `Part \`${id}\`, measured ${day(p.date)}${load}; goal: ${p.goals ?? '—'}.`];
  if (p.status !== 'ok') head.push('', `Not available in the recorded run: ${p.reason ?? 'no figures'}.`);
  return head;
}

/** The whole of docs/performance.md for a results.json object. */
export function performanceDoc(results) {
  const parts = results.parts ?? {};
  const m = results.machine ?? {};
  const out = [];
  const push = (...lines) => out.push(...lines);
  const ok = (id) => parts[id]?.status === 'ok' && parts[id].figures;
  push(
    '# Performance: the evidence',
    '',
    '<!-- generated by `node scripts/evidence.mjs` from tests/bench/results.json (`npm run bench` runs it); do not edit -->',
    '',
    'Every figure on this page comes from `tests/bench/results.json`, which `npm run bench` writes; this page is',
    'generated from it (`node scripts/evidence.mjs`), and `tests/node/evidence.test.ts` fails when the two disagree or',
    'when a ✅ stands beside a figure that misses its goal. `npm run bench -- --only <part>` re-measures one part and keeps',
    'the others, so each part below carries the date it was measured. Benchmarks never assert on time; tests assert',
    'behaviour.',
    '',
    `**Recorded run.** ${results.date ?? 'unknown date'}; ${m.cpus ?? '?'} × ${m.cpu ?? '?'}, ${m.memoryGb ?? '?'} GB, ${m.os ?? '?'}, ` +
      `Node ${m.node ?? '?'}, ${m.chromium ?? 'Chromium unknown'}; 1-minute load average ${m.loadAverage?.start ?? '?'} at the start ` +
      `and ${m.loadAverage?.end ?? '?'} at the end of the run. The machine is shared: wall times are noisy on the pessimistic side;` +
      ' byte counts and ratios measured in the same run are the steadier reading.',
    '',
    '## Goals',
    '',
  );
  const goals = goalRows(results);
  const met = goals.filter((g) => g.met).length;
  push(`${met} of ${goals.length} goal rows met in the recorded figures.`, '');
  push(
    table(
      ['what', 'measured', 'goal', '', 'part, date'],
      goals.map((g) => [escape(g.what), g.figure, g.goal, mark(g.met), `${g.part}, ${g.date}`]),
    ),
  );

  push('', '## Figures by part', '');
  push(...partHeading(results, 'bytes', 'Script bytes as Chromium downloads them'));
  if (ok('bytes')) {
    push('', parts.bytes.figures.method, '');
    push(
      table(
        ['page', 'up front (KB)', 'after use (KB)', 'files', 'with HTTP headers (KB)', 'catalog requests', 'goal'],
        parts.bytes.figures.pages.map((p) => [
          escape(p.name) + (p.notUsable ? ` (not usable: ${escape(p.notUsable)})` : ''),
          p.scriptKbUpFront,
          p.scriptKbAfterUse,
          p.scriptFilesAfterUse,
          p.wireKbAfterUse,
          p.catalogFetches,
          `≤ ${p.goalKb} KB ${mark(p.met)}`,
        ]),
      ),
    );
  }
  push('', ...partHeading(results, 'sizes', 'Bytes per page from the build graph'));
  if (ok('sizes')) {
    push('', `\`scripts/size.mjs\` (also in \`npm test\`): ${parts.sizes.figures.budgets}.`, '');
    push(
      table(
        ['what', 'files', 'min (KB)', 'min+gz (KB)', 'goal'],
        parts.sizes.figures.rows.map((r) => [
          escape(r.label.trim()),
          r.files,
          kb(r.min),
          r.budget === undefined ? kb(r.gz) : kbOver(r.gz, r.budget),
          r.budget === undefined ? '—' : `≤ ${kb(r.budget)} KB ${mark(r.gz <= r.budget)}`,
        ]),
      ),
    );
  }
  push('', ...partHeading(results, 'sdk-size', 'SDK for an npm user'));
  if (ok('sdk-size'))
    push(
      '',
      table(
        ['scenario', 'min (KB)', 'gz (KB)', 'brotli (KB)', 'lazy, gz (KB)'],
        parts['sdk-size'].figures.scenarios.map((s) => [escape(s.name), s.minKb, s.gzipKb, s.brotliKb, s.lazyGzipKb]),
      ),
    );
  push('', ...partHeading(results, 'search', 'Search per keystroke'));
  if (ok('search')) {
    const f = parts.search.figures;
    push('', `${num(f.catalog)} procedures, ${num(f.keystrokesPerRound)} keystrokes per round.`, '');
    push(
      table(
        ['library', 'median / keystroke', 'p95 / keystroke', 'max', 'index build: median (first; fastest)'],
        f.libraries.map((l) => [
          escape(l.name),
          `${l.medianMs.toFixed(2)} ms`,
          `${l.p95Ms.toFixed(2)} ms`,
          `${Math.round(l.maxMs)} ms`,
          `${Math.round(l.buildMedianMs)} ms (${Math.round(l.buildFirstMs)}; ${Math.round(l.buildMinMs)})`,
        ]),
      ),
    );
  }
  push('', ...partHeading(results, 'search-quality', 'Search relevance'));
  if (ok('search-quality')) {
    const f = parts['search-quality'].figures;
    const who = [
      ['SDK (the widget)', f.sdk],
      ['server ?q=', f.server],
      ['MiniSearch, out of the box', f.minisearch],
      ['SDK on the held-out queries (never tuned against)', f.sdkHoldout],
    ].filter(([, q]) => q);
    const fmt = (q) => (q ? `${pct(q.hitAt1)} / ${pct(q.hitAt5)} / ${q.mrr}` : '—');
    const kinds = Object.keys(f.sdk?.kinds ?? {});
    push('', 'hit@1 / hit@5 / MRR; `tests/search/queries.json` and `tests/search/holdout.json`.', '');
    push(
      table(
        ['kind', ...who.map(([w]) => w)],
        [
          ['overall', ...who.map(([, q]) => `${fmt(q.overall)} (${q.overall.queries})`)],
          ...kinds.map((k) => [k, ...who.map(([, q]) => fmt(q.kinds?.[k]))]),
        ],
      ),
    );
  }
  push('', ...partHeading(results, 'load', 'Navigation to a usable widget'));
  if (ok('load')) {
    const f = parts.load.figures;
    push('', `${f.runs}.`, '');
    const cell = (w, k) => (typeof w[`${k} ms`] === 'number' ? ms(w[`${k} ms`]) : String(w[`${k} ms`] ?? '—'));
    push(
      table(
        ['page', 'loopback', 'slow 3G', 'slow 3G + gzip proxy', 'KB transferred (slow 3G)', 'goal ≤ 3 s'],
        f.widgets.map((w) => [
          escape(w.name),
          cell(w, 'loopback'),
          cell(w, 'slow3g'),
          cell(w, 'slow3g gzip'),
          w['slow3g KB transferred'] ?? '—',
          mark(typeof w['slow3g ms'] === 'number' && w['slow3g ms'] <= 3000),
        ]),
      ),
    );
  }
  push('', ...partHeading(results, 'lighthouse', 'Lighthouse'));
  if (ok('lighthouse')) {
    const f = parts.lighthouse.figures;
    const withTasks = f.pages.some((p) => typeof p.longestTaskMs === 'number');
    push('', `${f.method}.`, '');
    push(
      table(
        [
          'page',
          'Performance',
          'Accessibility',
          'Best Practices',
          'SEO',
          'LCP',
          'TBT',
          'CLS',
          ...(withTasks ? ['longest task (worst run)', 'longest task: script, work'] : []),
          'audits not passed (any run)',
        ],
        f.pages.map((p) => [
          p.path,
          `${p.performance} ${mark(p.performance >= 90)}`,
          `${p.accessibility} ${mark(p.accessibility >= 100)}`,
          `${p.bestPractices} ${mark(p.bestPractices >= 100)}`,
          `${p.seo} ${mark(p.seo >= 100)}`,
          ms(p.lcpMs),
          ms(p.tbtMs),
          p.cls,
          ...(withTasks ? longestTaskCells(f, p) : []),
          p.failedAudits || '—',
        ]),
      ),
    );
  }
  push('', ...partHeading(results, 'heap', 'Memory'));
  if (ok('heap')) {
    const f = parts.heap.figures;
    push(
      '',
      table(
        ['what', 'measured'],
        [...(f.browser ?? []), ...(f.server ?? [])].map((r) => [escape(r.name), r.value]),
      ),
    );
  }
  push('', ...partHeading(results, 'server', 'Server'));
  if (ok('server')) {
    const s = parts.server.figures;
    if (s.reads?.length)
      push(
        '',
        'Each read is asked for as Chromium asks (`Accept-Encoding: gzip, deflate, br, zstd`); bare http serves the very ' +
          'bytes our server answered, with the same encoding. The uncompressed catalog row is for the record (no browser ' +
          'asks that way) and has no goal. The dossier look-up is one client asking for one code from 100 connections: its ' +
          'look-up places are taken ahead, so its batches are answered from the dossier read in the last second ' +
          '(`MOTCUA_DOSSIER_REVALIDATE_MS`): the database is read about once a second and when those places run out; many clients asking once each ' +
          'send a batch to the database every time: the row "a new client per request" (each request from an address of ' +
          "its own through the trusted local proxy, its budgets counted in the same upsert as the batch's read) is that " +
          'path, for the record, without a goal.',
        '',
        table(
          ['route', 'bytes on the wire', 'server req/s', 'p50 / p99', 'bare http req/s', 'p50 / p99', 'ratio'],
          s.reads.map((r) => [
            r.route,
            r.encoding && r.encoding !== 'identity' ? `${num(r.bytes)} (${r.encoding})` : num(r.bytes),
            num(r.server.reqPerSec),
            `${r.server.p50ms} / ${r.server.p99ms} ms`,
            num(r.bareHttp.reqPerSec),
            `${r.bareHttp.p50ms} / ${r.bareHttp.p99ms} ms`,
            r.ratio,
          ]),
        ),
      );
    if (s.ratings)
      push(
        '',
        `Rating ingest: ${num(s.ratings.reqPerSec)}/s, p50 ${s.ratings.p50ms} ms, p99 ${s.ratings.p99ms} ms; ${num(s.ratings.accepted2xx)} ` +
          `acknowledged, ${num(s.ratings.storedAfter)} stored, ${s.ratings.lost} lost.`,
      );
    if (s.limitCost)
      push(
        '',
        `Abuse limits on an honest ${s.limitCost.route}: ${num(s.limitCost.withLimits.reqPerSec)} req/s with, ` +
          `${num(s.limitCost.withoutLimits.reqPerSec)} without (ratio ${s.limitCost.ratio}).`,
      );
    if (s.startup)
      push(
        '',
        `Start-up (server from sources through tsx, PGlite): first start to first answer ${ms(s.startup.firstStartToFirstAnswerMs)} ` +
          `(\`${s.startup.firstStartLine}\`); reopen ${ms(s.startup.reopenToFirstAnswerMs)} (\`${s.startup.reopenLine}\`).`,
      );
    if (typeof s.startup.npmStartFirstToPageMs === 'number')
      push(
        '',
        `\`npm start\` (scripts/start.mjs: builds what is stale, then the built server) on a new data folder: to the demo site's first ` +
          `page ${ms(s.startup.npmStartFirstToPageMs)} with ${s.startup.npmStartFirstBuilds} builds (\`${s.startup.npmStartFirstLine}\`); ` +
          `again ${ms(s.startup.npmStartSecondToPageMs)} with ${s.startup.npmStartSecondBuilds} builds (\`${s.startup.npmStartSecondLine}\`).`,
      );
  }
  push('', ...partHeading(results, 'ingest', 'Dossier events ingest'));
  if (ok('ingest')) {
    const g = parts.ingest.figures;
    push(
      '',
      `${num(g.events)} events: ${num(g.eventsPerSecond)} events/s (duplicates ${num(g.duplicatesPerSecond)}/s); a bare INSERT loop ` +
        `${num(g.bareInsertsPerSecond)}/s, ratio ${g.ratioToBareInsertLoop}. ${g.note ?? ''}`.trim(),
    );
  }
  push('', ...partHeading(results, 'communes', '"Find my commune"'));
  if (ok('communes')) {
    const { quality: q, chromium: g } = parts.communes.figures;
    push(
      '',
      `${q.queries} queries (old names, no diacritics, typos, prefixes): hit@1 ${pct(q.hit1)}, hit@5 ${pct(q.hit5)}, MRR ${q.mrr}. ` +
        `Chromium, ${num(g.units)} units, ${num(g.keystrokes)} keystrokes × ${g.rounds} rounds: median ${g.medianMs.toFixed(3)} ms, ` +
        `p95 ${g.p95Ms.toFixed(3)} ms, slowest ${g.maxMs.toFixed(2)} ms per keystroke; index built in ${ms(g.buildMedianMs)} (median).`,
    );
  }
  push('', ...partHeading(results, 'province-stats', 'Provincial statistics'));
  if (ok('province-stats')) {
    const f = parts['province-stats'].figures;
    for (const [name, g] of [
      ['PostgreSQL', f.postgres],
      ['PGlite', f.pglite],
    ]) {
      if (!g) continue;
      push(
        '',
        `${name}: ${num(g.communes)} communes, ${num(g.dossiers)} dossiers and ${num(g.ratings)} ratings (generated in ${ms(g.generateMs)}); ` +
          `the route's median ${ms(g.statsMedianMs)} (runs ${g.statsRunsMs} ms), \`SELECT count(*)\` ${ms(g.countMedianMs)}, ratio ${g.ratioToCount}.`,
      );
    }
  }
  push('', ...partHeading(results, 'push-to-widget', 'A pushed status change on the tracker'));
  if (ok('push-to-widget')) {
    const g = parts['push-to-widget'].figures;
    push(
      '',
      `${g.rounds} rounds with \`refresh="${g.refreshSeconds}"\`: median ${ms(g.medianMs)}, p95 ${ms(g.p95Ms)}, slowest ${ms(g.maxMs)} ` +
        `(${g.latenciesMs} ms); ${g.lookUps} look-ups, ${g.notModified304} answered 304. ${g.note ?? ''}`.trim(),
    );
  }
  push('', ...partHeading(results, 'webhooks', 'Webhooks through failures and a restart'));
  if (ok('webhooks')) {
    const g = parts.webhooks.figures;
    push(
      '',
      `${num(g.events)} events, ${num(g.requests)} delivery requests; the receiver refused ${num(g.refused503)} (503) and ` +
        `${num(g.answersLost)} answers were lost on purpose (${Math.round(g.injectedFailureShare * 1000) / 10}% failures); the ` +
        `delivering process was killed at ${num(g.handledAtKill)} handled and restarted after ${ms(g.restartGapMs)}. Handled ` +
        `${num(g.eventsHandled)}, twice ${num(g.eventsHandledTwice)}; ${num(g.redeliveriesSkippedByHeader)} redeliveries skipped by ` +
        `the delivery id; bad signatures ${g.badSignatures}; outbox delivered ${num(g.outboxDelivered)}, pending ${g.outboxPending}, ` +
        `dead ${g.outboxDead}; ${g.seconds} s in all (${g.handledPerSecond}/s).`,
    );
  }
  push(
    '',
    '## Reliability, security and accessibility',
    '',
    'These are tests, not benchmarks: they pass or fail (`npm test`, `npm run test:reliability` for the `*.slow.test.ts`',
    'suites), so this page lists what each proves and records no figure for them.',
    '',
    table(
      ['test', 'what it proves'],
      [
        [
          '`tests/reliability/fault-proxy.test.ts`',
          'the seeded fault proxy (drop, 500, slow, truncated body, reset; before or after the server answered) does what it says',
        ],
        [
          '`tests/reliability/network-faults.test.ts`',
          'each network fault surfaces as its own typed SDK error; retries recover reads; ratings sent with idempotency keys through a faulty network are stored exactly once',
        ],
        [
          '`tests/reliability/durability.slow.test.ts`',
          'SIGKILL during rating ingest, restart on the same PGlite folder: every acknowledged rating replays with its receipt, the rest are stored once each',
        ],
        [
          '`tests/reliability/api-fuzz.test.ts`, `api-fuzz.slow.test.ts`',
          'generated malformed requests and raw malformed HTTP: no 5xx, the server stays healthy, valid data unchanged',
        ],
        [
          '`tests/reliability/enumeration.test.ts`',
          'sequential dossier codes from one client hit 429 with `Retry-After`; no answer carries owner data',
        ],
        [
          '`tests/reliability/bad-data-sdk.test.ts`',
          'a hostile server: always a typed `MotcuaResponseError` naming the field; free text stays inert',
        ],
        [
          '`packages/server/src/scale-out.test.ts`',
          'two instances on one PostgreSQL: ratings counted once, rate limits shared (runs when `DATABASE_URL` is set)',
        ],
        [
          '`tests/browser/kiosk-queue.test.ts`',
          "the kiosk's IndexedDB queue delivers every vote exactly once through drops, a reload and two tabs",
        ],
        [
          '`tests/browser/hostile-data.test.ts`',
          'every widget fed hostile API data: nothing executes, markup shown as text, invalid data gives a visible error state',
        ],
        [
          '`tests/browser/hostile-network.test.ts`',
          'with the network down each widget shows a readable error; when it comes back, retry brings the real data',
        ],
        [
          '`tests/browser/hostile-host.test.ts`',
          'every widget does its main task under hostile host CSS, a strict CSP, its code loaded twice, and Lit 2 on the host page',
        ],
        ['`tests/browser/a11y-stories.test.ts`', 'axe-core (WCAG 2.0–2.2 A and AA) over every Storybook story'],
        [
          '`tests/browser/a11y-use.test.ts`',
          "each widget's main task by keyboard only, reflow at 320 and 640 CSS px and 200% text, no motion under reduced motion",
        ],
      ],
    ),
    '',
  );
  return out.join('\n');
}
