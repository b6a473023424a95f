import { VERSION } from './version.js';

/** A OneStop element class carries the library version that defined it. */
export interface VersionedElementClass extends CustomElementConstructor {
  readonly onestopVersion?: string;
}

// Page-wide, so that two copies of the library (two agencies' scripts) share one memory.
const REGISTRY_KEY = Symbol.for('onestop.define.warnedClashes');
type Registry = { [REGISTRY_KEY]?: Set<string> };

/**
 * Registers a tag unless it is already defined. A second copy of the library on the page
 * must not throw (customElements.define would); if the copy already registered is another
 * version, say so once per page, since the page then runs whichever loaded first.
 */
export function defineElement(tag: string, elementClass: VersionedElementClass): void {
  const existing = customElements.get(tag) as VersionedElementClass | undefined;
  if (!existing) {
    customElements.define(tag, elementClass);
    return;
  }
  const theirs = existing.onestopVersion ?? 'unknown';
  if (existing === elementClass || theirs === VERSION) return;
  const registry = globalThis as Registry;
  const warned = (registry[REGISTRY_KEY] ??= new Set());
  const clash = `${theirs}|${VERSION}`;
  if (warned.has(clash)) return;
  warned.add(clash);
  console.warn(
    `[onestop] Two versions of the OneStop widgets are on this page: ${theirs} (in use) and ${VERSION} (ignored). ` +
      'Include one script tag only.',
  );
}
