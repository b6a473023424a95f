/**
 * The one msw worker of the Storybook preview, shared by preview.ts (which applies each
 * story's `parameters.msw.handlers`) and by stories whose loaders need to switch handlers
 * themselves. msw-storybook-addon is not used.
 */
import { setupWorker } from 'msw/browser';

export const worker = setupWorker();

export type MswHandler = Parameters<typeof worker.resetHandlers>[number];

let started: Promise<unknown> | undefined;

/** Starts the worker once; resolves when it controls the preview iframe. */
export function mswReady(): Promise<unknown> {
  started ??= worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    // Relative, so the built Storybook also works when deployed under a sub-path.
    serviceWorker: { url: 'mockServiceWorker.js' },
  });
  return started;
}

/** Replaces every active handler with `handlers` (none: requests go to the network). */
export async function useHandlers(handlers: readonly MswHandler[]): Promise<void> {
  await mswReady();
  worker.resetHandlers(...handlers);
}
