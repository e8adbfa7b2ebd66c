// Every story of the tracker, satisfaction and stats widgets rendered in Chromium: each state settles and passes axe.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import * as trackerStories from '../../stories/dossier-tracker.stories.js';
import * as satisfactionStories from '../../stories/satisfaction.stories.js';
import * as statsStories from '../../stories/service-stats.stories.js';

type StoryModule = Record<string, unknown>;
interface Story {
  render: () => TemplateResult;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
}

/** What each widget shows once a story has settled. */
const settled: Record<string, string> = {
  'motcua-dossier-tracker': '[part="result"], [part="message"]:not(.loading), [part="error"], #code',
  'motcua-satisfaction': '[part="choice"], [part="criterion"], [part="thanks"], [part="message"], form',
  'motcua-service-stats': '[part="tiles"], [role="alert"], [part="message"]',
};

function stories(module: StoryModule): Array<[string, Story]> {
  // The Playground stories (every attribute as a control, rendered from Storybook's args) are rendered with their args,
  // decorators and play functions by a11y-stories.test.ts; this file renders the fixed states.
  return Object.entries(module).filter(
    ([name, value]) => name !== 'default' && name !== 'Playground' && typeof (value as Story).render === 'function',
  ) as Array<[string, Story]>;
}

for (const [title, module] of [
  ['tracker', trackerStories],
  ['satisfaction', satisfactionStories],
  ['stats', statsStories],
] as const) {
  describe(`${title} stories`, () => {
    for (const [name, story] of stories(module as StoryModule)) {
      it(`${name} renders and passes axe`, async () => {
        const host = await fixture<HTMLElement>(story.render());
        // Storybook gives `play` the canvas around the story: wrap the widget the same way.
        const wrapper = document.createElement('div');
        host.replaceWith(wrapper);
        wrapper.append(host);
        if (story.play) await story.play({ canvasElement: wrapper });
        const tag = host.localName;
        await waitUntil(() => host.shadowRoot?.querySelector(settled[tag]!), `${name} did not settle`, { timeout: 8000 });
        await new Promise((r) => setTimeout(r, 150));
        await expect(host).to.be.accessible();
      });
    }
  });
}
