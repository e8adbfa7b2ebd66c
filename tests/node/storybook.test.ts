// Storybook without building it: the tracker stories' dates agree with their names at any moment (computed from now,
// checked at the real now and at awkward moments: Friday night, a Sunday, early Monday), every component attribute in
// the custom elements manifest gets a working control, and the Tokens page lists every --motcua-* property with the
// default theme.css has. The manifest and tokens come from the same Vite plugin Storybook uses (.storybook/main.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dueState } from '@motcua/sdk/calendar';
import type { DossierStatus } from '@motcua/sdk/schemas';
import { STORY_DOSSIERS } from '../../stories/fixtures/dossiers.js';
import {
  attributeArgTypes,
  attributeControls,
  controlFor,
  manifestAttributes,
  manifestTags,
  type Manifest,
} from '../../stories/controls.js';
import { motcuaModules } from '../../.storybook/main.js';

const root = new URL('../..', import.meta.url).pathname;
const ACTIVE = new Set(['received', 'processing', 'supplement_requested', 'payment_requested']);

/** Every instant a dossier shows that has already happened. */
function pastInstants(d: DossierStatus): Array<[string, string]> {
  const list: Array<[string, string | null | undefined]> = [
    ['submittedAt', d.submittedAt],
    ['receivedAt', d.receivedAt],
    ['finishedAt', d.finishedAt],
    ['returnedAt', d.returnedAt],
    ['pending.requestedAt', d.pending?.requestedAt],
    ...d.steps.flatMap((s, i): Array<[string, string | undefined]> => [
      [`steps[${i}].startedAt`, s.startedAt],
      [`steps[${i}].finishedAt`, s.finishedAt],
    ]),
  ];
  return list.filter((e): e is [string, string] => typeof e[1] === 'string');
}

/** What is wrong with the story `name`'s dossier at `now` (empty when its dates agree with its name). */
function contradictions(name: string, now: Date): string[] {
  const d = STORY_DOSSIERS[name]!(now);
  const errors: string[] = [];
  for (const [field, value] of pastInstants(d)) if (Date.parse(value) > now.getTime()) errors.push(`${field} ${value} is in the future`);
  const due = dueState(d.dueAt, now);
  const ahead = d.dueAt !== null && Date.parse(d.dueAt) > now.getTime();
  if (/overdue/i.test(name)) {
    if (due.kind !== 'overdue' || ahead) errors.push(`due ${d.dueAt} is not overdue`);
  } else if (/duetoday/i.test(name)) {
    if (due.kind !== 'due' || due.workingDays !== 0 || !ahead) errors.push(`due ${d.dueAt} is not later today`);
  } else if (/duesoon/i.test(name)) {
    if (due.kind !== 'due' || due.workingDays < 1 || due.workingDays > 2 || !ahead) errors.push(`due ${d.dueAt} is not soon`);
  } else if (ACTIVE.has(d.status) && (due.kind === 'overdue' || !ahead)) {
    errors.push(`an active dossier that is not meant to be overdue is due ${d.dueAt}`);
  }
  if (d.timing === 'early' && d.finishedAt && d.dueAt && Date.parse(d.finishedAt) >= Date.parse(d.dueAt))
    errors.push(`"early" but finished ${d.finishedAt} after the due date ${d.dueAt}`);
  if (d.timing === 'overdue' && !/overdue/i.test(name)) errors.push('timing "overdue" in a story not named so');
  return errors.map((e) => `${name} at ${now.toISOString()}: ${e}`);
}

// "Now", except during the final second of a Vietnamese day, when no "due later today" can exist (CI once ran at 23:59:02).
const realNow = (): Date => {
  const now = new Date();
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(11, 19) === '23:59:59' ? new Date(now.getTime() - 1000) : now;
};

const MOMENTS = [
  realNow(),
  new Date('2026-12-04T16:50:00Z'), // Friday 23:50 in Vietnam
  new Date('2026-12-04T16:59:02Z'), // Friday 23:59:02, the moment a CI run found the story due in the past
  new Date('2026-12-06T03:00:00Z'), // Sunday 10:00
  new Date('2026-12-06T23:30:00Z'), // Monday 06:30
  new Date('2026-12-09T10:00:00Z'), // Wednesday 17:00, after the afternoon's due hour
];

test('tracker stories: every date agrees with the story name, now and at awkward moments', () => {
  const names = Object.keys(STORY_DOSSIERS);
  for (const required of ['Overdue', 'DueToday', 'DueSoon']) assert.ok(names.includes(required), `story ${required} exists`);
  const errors = MOMENTS.flatMap((now) => names.flatMap((name) => contradictions(name, now)));
  assert.deepEqual(errors, []);
});

test('tracker stories: the checker catches a story whose name and dates disagree (control)', () => {
  const now = new Date();
  const original = STORY_DOSSIERS.Overdue!;
  try {
    // What the stories did before: a due date that is not overdue on the day the story is opened.
    STORY_DOSSIERS.Overdue = (at = now) => ({ ...original(at), dueAt: new Date(at.getTime() + 3_600_000).toISOString() });
    assert.equal(contradictions('Overdue', now).length, 1);
  } finally {
    STORY_DOSSIERS.Overdue = original;
  }
});

test('tracker stories file: the date stories render the dossiers checked here', () => {
  const source = readFileSync(join(root, 'stories/dossier-tracker.stories.ts'), 'utf8');
  for (const name of Object.keys(STORY_DOSSIERS)) {
    assert.match(source, new RegExp(`export const ${name}: Story`), `story ${name} is exported`);
    assert.match(source, new RegExp(`at\\('${name}'\\)`), `story ${name} renders STORY_DOSSIERS.${name}`);
  }
  assert.doesNotMatch(source, /new Date\(['"]\d{4}/, 'no fixed dates in the tracker stories');
});

const modules = motcuaModules();
let manifestCache: Manifest | undefined;
async function manifest(): Promise<Manifest> {
  if (manifestCache) return manifestCache;
  const code = (await modules.load('\0virtual:motcua-manifest')) as string;
  return (manifestCache = JSON.parse(code.replace(/^export default /, '').replace(/;$/, '')) as Manifest);
}

test('controls: every attribute of every component in custom-elements.json has a working control', { timeout: 180_000 }, async () => {
  const cem = await manifest();
  const tags = manifestTags(cem);
  assert.ok(tags.length >= 7, `components in the manifest: ${tags.join(', ')}`);
  const missing: string[] = [];
  for (const tag of tags) {
    const attributes = manifestAttributes(cem, tag);
    assert.ok(attributes.length > 0, `${tag} documents attributes`);
    // What the preview's enhancer makes of the argTypes Storybook derives from the manifest (properties by field name).
    const derived = Object.fromEntries(
      attributes.flatMap((a) => (a.fieldName ? [[a.fieldName, { name: a.fieldName, type: { name: 'string' as const } }]] : [])),
    );
    const enhance = attributeControls(cem);
    const argTypes = enhance({ component: tag, argTypes: derived } as unknown as Parameters<typeof enhance>[0]);
    for (const attribute of attributes) {
      const argType = argTypes[attribute.name];
      const control = argType?.control as { type?: string } | false | undefined;
      if (!argType || !control || !control.type || argType.table?.disable) missing.push(`${tag} [${attribute.name}]`);
      const expected = controlFor(attribute).type;
      if (control && control.type !== expected) missing.push(`${tag} [${attribute.name}]: ${control.type}, expected ${expected}`);
      if (expected === 'select' && !(argType?.options ?? []).length) missing.push(`${tag} [${attribute.name}]: select without options`);
    }
    // Controls act through a story that renders the args as attributes: the component's stories file has one.
    const file = join(root, `stories/${tag.replace(/^motcua-/, '')}.stories.ts`);
    const source = readFileSync(file, 'utf8');
    assert.match(source, new RegExp(`component: '${tag}'`), `${file} is the stories of ${tag}`);
    assert.match(
      source,
      new RegExp(`export const Playground: Story = \\{[\\s\\S]*?attributesRender\\('${tag}'`),
      `${file}: Playground story`,
    );
  }
  assert.deepEqual(missing, []);
  assert.equal(controlFor({ name: 'mode', type: { text: "'online' | 'kiosk'" } }).type, 'select');
  assert.deepEqual(attributeArgTypes(cem, 'motcua-satisfaction')['mode']?.options, ['online', 'kiosk']);
  assert.equal(attributeArgTypes(cem, 'motcua-qr-card')['amount']?.control && 'number', 'number');
});

test('tokens page: every --motcua-* property with the default theme.css writes', { timeout: 180_000 }, async () => {
  const code = (await modules.load('\0virtual:motcua-tokens')) as string;
  const tokens = JSON.parse(code.replace(/^export default /, '').replace(/;$/, '')) as Array<{
    name: string;
    value: string | null;
    description: string;
  }>;
  const byName = new Map(tokens.map((t) => [t.name, t]));
  const { themeTokens } = (await import(join(root, 'scripts/theme-css.mjs'))) as { themeTokens: () => Map<string, string> };
  for (const [name, value] of themeTokens()) assert.equal(byName.get(name)?.value, value, `${name}: default ${value}`);
  const cem = await manifest();
  for (const m of cem.modules as Array<{ declarations?: Array<{ cssProperties?: Array<{ name: string }> }> }>)
    for (const d of m.declarations ?? [])
      for (const p of d.cssProperties ?? []) if (p.name.startsWith('--motcua-')) assert.ok(byName.has(p.name), `${p.name} listed`);
  assert.ok(tokens.every((t) => t.name.startsWith('--motcua-')));
  assert.ok(byName.get('--motcua-color-primary')?.description, 'descriptions from @cssproperty');
});
