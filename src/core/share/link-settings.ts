import { isListSegment } from '../model/segment-settings.ts';
import { isListSelection, type SessionSettings } from './session-settings.ts';

/** The settings a share link carries, and what of the session was left out of them. */
export interface LinkSettings {
  settings: SessionSettings;
  /** Fixed-list segments left out. */
  leftOutLists: number;
  /** The selection, when it is a list of customers (a lasso, a picked group), was left out. */
  leftOutSelection: boolean;
}

/**
 * A link carries settings, never data: a fixed-list segment, and a selection that is a list of
 * customers (a lasso, a group picked in a legend or a chart), are customer ids (data), so they stay
 * in the session and the session file and are left out of the link. A range selection is kept.
 */
export function settingsForLink(settings: SessionSettings): LinkSettings {
  const { selection } = settings.view;
  if (selection && isListSelection(selection)) {
    return { ...segmentsForLink({ ...settings, view: { ...settings.view, selection: null } }), leftOutSelection: true };
  }
  return { ...segmentsForLink(settings), leftOutSelection: false };
}

/**
 * Rule segments after a left-out list move up, so a colouring by one of them (`rule:<index>`)
 * follows it; a colouring by a left-out list falls back to the R score, as a fresh page shows.
 */
function segmentsForLink(settings: SessionSettings): Omit<LinkSettings, 'leftOutSelection'> {
  const kept: SessionSettings['segment']['ruleSegments'] = [];
  const newIndex = new Map<number, number>();
  settings.segment.ruleSegments.forEach((segment, i) => {
    if (isListSegment(segment)) return;
    newIndex.set(i, kept.length);
    kept.push(segment);
  });
  const leftOutLists = settings.segment.ruleSegments.length - kept.length;
  if (leftOutLists === 0) return { settings, leftOutLists };
  let view = settings.view;
  const colour = /^rule:(\d+)$/.exec(view.colour);
  if (colour) {
    const moved = newIndex.get(Number(colour[1]));
    view = moved === undefined ? { ...view, colour: 'r', hidden: [] } : { ...view, colour: `rule:${moved}` };
  } else if (view.colour === 'rules') {
    // Its groups are the segments, which moved: show them all.
    view = { ...view, hidden: [] };
  }
  return { settings: { ...settings, segment: { ...settings.segment, ruleSegments: kept }, view }, leftOutLists };
}
