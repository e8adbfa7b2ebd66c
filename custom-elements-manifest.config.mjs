// Generates packages/elements/custom-elements.json from the components' JSDoc (@summary, @slot, @csspart, @cssproperty, @event, @attr).
export default {
  globs: ['packages/elements/src/components/**/*.component.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: 'packages/elements',
  litelement: true,
  packagejson: false,
};
