import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook, set up by hand (`storybook init` fails against this registry).
 *
 * TypeScript: Vite 8 transforms TS with Oxc (not esbuild), and Oxc reads tsconfig.json
 * itself, so the Lit settings there (experimentalDecorators, useDefineForClassFields: false)
 * apply without a `viteFinal`: the built stories use legacy `__decorate` calls and assign
 * fields in the constructor. Forcing the same through `viteFinal` (`oxc.decorator.legacy`,
 * `assumptions.setPublicClassFields`) gave byte-identical output, so it is left out.
 */
const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  // Serves mockServiceWorker.js (msw) at the root, where it can control the preview iframe.
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
};

export default config;
