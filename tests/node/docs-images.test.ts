// The documentation a webmaster reads: every image and local link of README.md and docs/*.md points at a file that
// exists, the screenshots (scripts/screenshots.mjs) stay small and are all used, the webmaster guide's table of contents
// lists every section with a working anchor, and its Vietnamese and English versions hold the same snippets.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const DOCS = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`),
];
const GUIDES = ['docs/webmaster-guide.md', 'docs/webmaster-guide.en.md'];
const MAX_BYTES = 100 * 1024;

const read = (file: string): string => readFileSync(join(root, file), 'utf8');
/** Markdown without its fenced code blocks (a link inside a snippet is not a link of the page). */
const prose = (text: string): string => text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

/** `[text](target)` and `![alt](target)` targets of a Markdown text. */
function targets(text: string): Array<{ image: boolean; target: string }> {
  return [...prose(text).matchAll(/(!?)\[(?:[^\]]|\][^(])*?\]\(([^)\s]+)\)/g)].map((m) => ({ image: m[1] === '!', target: m[2]! }));
}

/** GitHub's heading anchor: lower case, punctuation removed (letters with diacritics kept), spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');

describe('documentation images and links', () => {
  it('every image and local link of the docs points at a file that exists', () => {
    const missing: string[] = [];
    let images = 0;
    for (const file of DOCS) {
      for (const { image, target } of targets(read(file))) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = normalize(join(root, dirname(file), decodeURIComponent(target.split('#')[0]!)));
        if (image) images++;
        if (!existsSync(path)) missing.push(`${file}: ${target}`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(images >= 5, `the docs show screenshots (${images} images)`);
  });

  it('every screenshot is a PNG of at most 100 KB, and each is referenced by the docs', () => {
    const dir = join(root, 'docs/screenshots');
    const files = readdirSync(dir);
    assert.ok(files.length > 0, 'screenshots exist');
    const referenced = new Set(
      DOCS.flatMap((file) => targets(read(file)).map(({ target }) => normalize(join(root, dirname(file), target.split('#')[0]!)))),
    );
    for (const name of files) {
      assert.match(name, /\.png$/, `${name}: a PNG`);
      const path = join(dir, name);
      const bytes = readFileSync(path);
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${name}: PNG data`);
      assert.ok(statSync(path).size <= MAX_BYTES, `${name}: ${statSync(path).size} bytes > 100 KB`);
      assert.ok(referenced.has(path), `${name} is not used by any doc`);
    }
  });
});

describe('webmaster guide', () => {
  for (const file of GUIDES) {
    it(`${file}: the table of contents lists every section, and every #anchor leads to a heading`, () => {
      const text = read(file);
      const headings = [...prose(text).matchAll(/^(#{2,3}) (.+)$/gm)].map((m) => ({ level: m[1]!.length, text: m[2]! }));
      const anchors = new Set(headings.map((h) => slug(h.text)));
      const sections = headings.filter((h) => h.level === 2 && /^\d+\. /.test(h.text));
      assert.ok(sections.length >= 15, 'numbered sections');
      const toc = targets(text.slice(0, text.indexOf(`## ${sections[0]!.text}`)))
        .map((t) => t.target)
        .filter((t) => t.startsWith('#'));
      assert.deepEqual(
        toc,
        sections.map((s) => `#${slug(s.text)}`),
        'table of contents = the numbered sections, in order',
      );
      sections.forEach((s, i) => assert.ok(s.text.startsWith(`${i + 1}. `), `section ${i + 1} numbered in order: ${s.text}`));
      for (const { target } of targets(text).filter((t) => t.target.startsWith('#')))
        assert.ok(anchors.has(decodeURIComponent(target.slice(1))), `${file}: ${target} leads to no heading`);
      // Troubleshooting: each failure seen by webmasters has an entry saying what you see, why, and what to do.
      const trouble = text.slice(text.lastIndexOf(`## ${sections.at(-1)!.text}`));
      const entries = trouble.split(/^### /m).slice(1, -1);
      assert.ok(entries.length >= 7, 'troubleshooting entries');
      for (const entry of entries) assert.equal((entry.match(/^- \*\*/gm) ?? []).length, 3, `entry "${entry.split('\n')[0]}": see/why/do`);
    });
  }

  it('the Vietnamese and the English guide hold the same html snippets (comments aside), and the same sections', () => {
    const snippets = (file: string): string[] =>
      [...read(file).matchAll(/^```html\n([\s\S]*?)^```$/gm)].map((m) =>
        m[1]!
          .replace(/<!--[\s\S]*?-->/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    const [vi, en] = GUIDES.map(snippets);
    assert.ok(vi!.length >= 8);
    assert.deepEqual(vi, en);
    const sections = (file: string): number => [...read(file).matchAll(/^## \d+\. /gm)].length;
    assert.equal(sections(GUIDES[0]!), sections(GUIDES[1]!));
  });

  it('the README and the guides link the snippet configurator', () => {
    for (const file of ['README.md', ...GUIDES]) assert.match(read(file), /\/nhung\b/, `${file} mentions /nhung`);
    assert.match(read('docs/demo/index.html'), /href="nhung"/, 'the demo landing page links it');
  });
});
