import { decodeSettingsLink, encodeSettingsLink, isSettingsLink, settingsForLink } from '../core/index.ts';
import { whenWorkersQuiet } from '../bridge/worker-activity.ts';
import { streamDeflate } from '../persist/stream-deflate.ts';
import { applySession, snapshotSession, type SessionSources } from './session-parts.svelte.ts';

/** Typing and dragging change settings many times a second: the address follows once they settle. */
const FOLLOW_DELAY_MS = 250;
/**
 * ...and once the workers have been idle this long. Writing the address is a navigation the
 * browser's own process handles (history, the tab's title and icon, fetched again): on two cores,
 * done beside a worker job starting (a k sweep the analyst just asked for), it starved the page
 * into a long task.
 */
const WORKERS_QUIET_MS = 400;

/**
 * The page address carries the current settings in its hash (never the data), so copying the
 * address shares them. A link opened is checked before anything is applied; its reading choices
 * wait for the file, which is then compared with the one the link was made with.
 */
export class ShareLinkState {
  /** Why the link opened was refused; nothing of it was applied. */
  problems = $state.raw<string[]>([]);
  /** Settings came from a link and wait for their file: the name the link was made with, or '' when unknown. */
  awaitingFile = $state<string | null>(null);
  copied = $state<'copied' | 'failed' | null>(null);
  /** Fixed-list segments the link copied last leaves out (their customer ids are data). */
  leftOutLists = $state(0);
  /** The link copied last leaves out the selection, a list of customers (a lasso, a picked group). */
  leftOutSelection = $state(false);
  /** The hash this page wrote last: a hashchange to it is our own. */
  #written = '';
  /** Counts the settings' changes: only the last change's write goes ahead. */
  #turn = 0;
  readonly #sources: SessionSources;

  constructor(sources: SessionSources) {
    this.#sources = sources;
  }

  /** Opens the link in the address, if any, then keeps the address up to date; returns the cleanup. */
  start(): () => void {
    let stopFollowing = () => {};
    const opened = this.open(location.hash).finally(() => (stopFollowing = this.#follow()));
    const onHashChange = () => {
      if (location.hash !== this.#written) void this.open(location.hash);
    };
    addEventListener('hashchange', onHashChange);
    void opened;
    return () => {
      removeEventListener('hashchange', onHashChange);
      stopFollowing();
    };
  }

  /** Checks the settings in a hash and, when they are sound, applies them. */
  async open(hash: string): Promise<void> {
    if (!isSettingsLink(hash)) return;
    const outcome = await decodeSettingsLink(hash, streamDeflate);
    if (!outcome.ok) {
      this.problems = outcome.problems;
      return;
    }
    this.problems = [];
    applySession(this.#sources, outcome.value);
    this.awaitingFile = this.#sources.dataset.summary ? null : (outcome.value.file?.name ?? '');
  }

  #follow(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = $effect.root(() => {
      $effect(() => {
        const { settings } = settingsForLink(snapshotSession(this.#sources));
        if (this.#sources.dataset.summary) this.awaitingFile = null;
        clearTimeout(timer);
        const turn = ++this.#turn;
        timer = setTimeout(async () => {
          await whenWorkersQuiet(WORKERS_QUIET_MS);
          const text = await encodeSettingsLink(settings, streamDeflate);
          const hash = `#${text}`;
          // Settings that changed while this waited have their own turn: theirs is the address.
          if (turn !== this.#turn || hash === location.hash) return;
          this.#written = hash;
          history.replaceState(history.state, '', hash);
        }, FOLLOW_DELAY_MS);
      });
    });
    return () => {
      clearTimeout(timer);
      this.#turn++;
      stop();
    };
  }

  /** Copies the address (with the current settings) to the clipboard. */
  async copy(): Promise<void> {
    const { settings, leftOutLists, leftOutSelection } = settingsForLink(snapshotSession(this.#sources));
    this.leftOutLists = leftOutLists;
    this.leftOutSelection = leftOutSelection;
    try {
      const hash = `#${await encodeSettingsLink(settings, streamDeflate)}`;
      this.#written = hash;
      history.replaceState(history.state, '', hash);
      await navigator.clipboard.writeText(location.href);
      this.copied = 'copied';
    } catch {
      this.copied = 'failed';
    }
  }

  dismiss(): void {
    this.problems = [];
  }
}
