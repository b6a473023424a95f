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
      name: 'onestop-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('onestop-'));
            // Private and protected members are not API: keep them out of docs and editors.
            if (declaration.members) declaration.members = declaration.members.filter((m) => !m.privacy || m.privacy === 'public');
          }
        }
      },
    },
  ],
};
