/**
 * Re-resolves the language of every connected OneStop element when any `lang` attribute
 * changes in a tree it belongs to: the document and each shadow root between it and the
 * document. One MutationObserver per tree, however many widgets the page has.
 */
export interface LangFollower {
  refreshLocale(): void;
}

const followers = new Set<LangFollower & Element>();
const observedRoots = new WeakSet<Node>();
const observer =
  typeof MutationObserver === 'undefined'
    ? undefined
    : new MutationObserver(() => followers.forEach((follower) => follower.refreshLocale()));

function treesOf(element: Element): Node[] {
  const trees: Node[] = [];
  let root = element.getRootNode();
  for (;;) {
    trees.push(root);
    if (!(root instanceof ShadowRoot)) return trees;
    root = root.host.getRootNode();
  }
}

export function followLang(element: LangFollower & Element): void {
  followers.add(element);
  for (const tree of treesOf(element)) {
    if (observedRoots.has(tree) || !observer) continue;
    observer.observe(tree, { attributes: true, attributeFilter: ['lang'], subtree: true });
    observedRoots.add(tree);
  }
}

export function unfollowLang(element: LangFollower & Element): void {
  followers.delete(element);
}
