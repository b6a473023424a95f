/**
 * What a citizen chose to keep on this device (checklist progress, remembered case numbers),
 * versioned and checked on the way back in. Nothing is lost silently: a copy written by a newer
 * version of the widgets is left untouched, and a corrupt one is set aside, not overwritten.
 */
import { safeParse, type ZodMiniType } from 'zod/mini';

export type LoadResult<T> =
  | { status: 'ok'; value: T; savedAt: number }
  | { status: 'empty' }
  /** Written by a newer version of the widgets: shown as is, but not overwritten. */
  | { status: 'newer'; version: number }
  /** Unreadable or not matching the schema: set aside under `<key>:corrupt`. */
  | { status: 'corrupt' }
  /** Storage is blocked (private mode, sandboxed frame): works for this visit only. */
  | { status: 'unavailable' };

interface Envelope {
  v: number;
  savedAt: number;
  data: unknown;
}

function defaultStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    const probe = 'onestop:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

export class SavedState<T> {
  private readonly storage: Storage | null;
  private blockedByNewer = false;

  constructor(
    readonly key: string,
    readonly version: number,
    private readonly schema: ZodMiniType<T>,
    storage?: Storage | null,
  ) {
    this.storage = storage === undefined ? defaultStorage() : storage;
  }

  get available(): boolean {
    return this.storage !== null;
  }

  load(): LoadResult<T> {
    if (!this.storage) return { status: 'unavailable' };
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      return { status: 'unavailable' };
    }
    if (raw === null) return { status: 'empty' };
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return this.setAside(raw);
    }
    if (typeof envelope?.v !== 'number') return this.setAside(raw);
    if (envelope.v > this.version) {
      this.blockedByNewer = true;
      return { status: 'newer', version: envelope.v };
    }
    const parsed = safeParse(this.schema, envelope.data);
    if (!parsed.success) return this.setAside(raw);
    return { status: 'ok', value: parsed.data, savedAt: envelope.savedAt };
  }

  /** Saves; false when it could not (storage blocked or full, or a newer copy must be kept). */
  save(value: T): boolean {
    if (!this.storage || this.blockedByNewer) return false;
    try {
      const envelope: Envelope = { v: this.version, savedAt: Date.now(), data: value };
      this.storage.setItem(this.key, JSON.stringify(envelope));
      return true;
    } catch {
      return false;
    }
  }

  /** Forgets what was saved, including a newer or set-aside copy: the citizen asked to. */
  clear(): void {
    this.blockedByNewer = false;
    try {
      this.storage?.removeItem(this.key);
      this.storage?.removeItem(`${this.key}:corrupt`);
    } catch {
      // nothing to forget where storage is blocked
    }
  }

  private setAside(raw: string): LoadResult<T> {
    try {
      this.storage?.setItem(`${this.key}:corrupt`, raw);
      this.storage?.removeItem(this.key);
    } catch {
      // if even that fails, the copy stays where it was; we still don't read it
    }
    return { status: 'corrupt' };
  }
}
