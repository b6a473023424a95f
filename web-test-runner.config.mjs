import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { readFile } from 'node:fs/promises';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/chromium.mjs';

const mswWorker = new URL('./.storybook/public/mockServiceWorker.js', import.meta.url);

export default {
  files: ['test/unit/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  // msw's worker only controls pages when served from the root scope.
  middleware: [
    async (context, next) => {
      if (context.path === '/mockServiceWorker.js') {
        context.type = 'application/javascript';
        context.body = await readFile(mswWorker, 'utf8');
        return;
      }
      return next();
    },
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS } })],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 180000,
};
