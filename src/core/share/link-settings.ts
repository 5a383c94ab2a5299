import { isListSegment } from '../model/segment-settings.ts';
import type { SessionSettings } from './session-settings.ts';

/** The settings a share link carries, and how many fixed-list segments were left out of them. */
export interface LinkSettings {
  settings: SessionSettings;
  leftOutLists: number;
}

/**
 * A link carries settings, never data: a fixed-list segment is a list of customer ids (data), so
 * it stays in the session and the session file and is left out of the link. Rule segments after
 * a left-out list move up, so a colouring by one of them (`rule:<index>`) follows it; a colouring
 * by a left-out list falls back to the R score, as a fresh page shows.
 */
export function settingsForLink(settings: SessionSettings): LinkSettings {
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
