/** Where the last version this browser ran is kept, to say when an update was taken. */
export const LAST_VERSION_KEY = 'segment-studio:version';

/**
 * The build's version, from index.html's `segment-version` meta (written by the build, see
 * vite.config.ts). It is read from the page, not compiled into the script, so the version shown is
 * always the one of the page the service worker served, which is what changes on an update.
 */
export function appVersion(doc: Document = document): string | null {
  return doc.querySelector('meta[name="segment-version"]')?.getAttribute('content') || null;
}

/**
 * The version this browser ran before, when it differs from `current` (an update was taken on
 * this load), and remembers `current`. `storage` is a getter: merely reading `localStorage` throws where it is refused. Null on a first visit, on the same version, or when storage
 * is refused (private modes): the note is a courtesy and never stops the app.
 */
export function takeVersionChange(current: string | null, storage: () => Pick<Storage, 'getItem' | 'setItem'> = () => localStorage): string | null {
  if (!current) return null;
  try {
    const store = storage();
    const previous = store.getItem(LAST_VERSION_KEY);
    if (previous !== current) store.setItem(LAST_VERSION_KEY, current);
    return previous !== null && previous !== current ? previous : null;
  } catch {
    return null;
  }
}
