/** Custom Elements Manifest from the JSDoc on each element; feeds Storybook docs and editors. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/generated/**', 'src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The analyzer guesses event names from `dispatchEvent(new X(arg))` and takes `arg` for the
      // name; our typed event classes carry the name inside. Keep only the documented @fires.
      name: 'onestop-events-only-prefixed',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('onestop-'));
          }
        }
      },
    },
  ],
};
