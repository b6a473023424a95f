/**
 * This page's own localStorage: test files run two at a time in one origin, and another file's
 * `localStorage.clear()` would wipe what a test here just saved. The widgets and the API
 * client read `localStorage` when they start, so importing this module (first) makes them use
 * this one, as the assertions do.
 */
class PageStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value));
  }
  keys() {
    return [...this.#items.keys()];
  }
}
export const pageStorage = new PageStorage();
Object.defineProperty(window, 'localStorage', { configurable: true, get: () => pageStorage });
