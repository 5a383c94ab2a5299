import { defaultSegmentSettings, validateSegmentSettings } from '../core/index.ts';
import type { RfmDimension, SavedSegment, SegmentRule, SegmentSettings, SettingsPart, SettingsProblem } from '../core/index.ts';

/**
 * Every setting of the segment model in one place — RFM bins, monetary basis, analysis date,
 * typed thresholds, the segment rules table, value bands, lifecycle thresholds and the rule
 * segments — as plain JSON the analysis worker takes, compared by value. The panels bind
 * to `settings` directly; SegmentModelState rescores whenever it changes.
 */
export class SegmentSettingsState {
  settings = $state<SegmentSettings>(defaultSegmentSettings());
  /** Everything wrong with the settings, in words, by part. */
  problems = $derived<SettingsProblem[]>(validateSegmentSettings(this.settings));
  /** True when the model can be computed (rule segments are checked one by one, so they never block it). */
  usable = $derived(this.problems.every((p) => p.part === 'ruleSegments'));

  /** The problems of one part, for the panel that edits it. */
  problemsOf(part: SettingsPart): string[] {
    return this.problems.filter((p) => p.part === part).map((p) => p.message);
  }

  /** A copy that can be posted to a worker (a $state proxy cannot). */
  snapshot(): SegmentSettings {
    return $state.snapshot(this.settings) as SegmentSettings;
  }

  /** Changes the number of scores; typed thresholds no longer fit, so those dimensions go back to quantiles. */
  setBins(bins: number): void {
    const rfm = this.settings.rfm;
    rfm.bins = bins;
    for (const d of ['r', 'f', 'm'] as RfmDimension[]) if (rfm.cutPoints[d] && rfm.cutPoints[d]!.length !== bins - 1) rfm.cutPoints[d] = null;
  }

  resetSegmentRules(): void {
    this.settings.segmentRules = defaultSegmentSettings().segmentRules;
  }

  addSegmentRule(): void {
    this.settings.segmentRules.push({ name: `Segment ${this.settings.segmentRules.length + 1}`, rMin: 1, rMax: 5, fMin: 1, fMax: 5 });
  }

  moveSegmentRule(index: number, by: -1 | 1): void {
    const rules = this.settings.segmentRules;
    const to = index + by;
    if (to < 0 || to >= rules.length) return;
    const moved: SegmentRule[] = $state.snapshot(rules) as SegmentRule[];
    [moved[index], moved[to]] = [moved[to], moved[index]];
    this.settings.segmentRules = moved;
  }

  removeSegmentRule(index: number): void {
    this.settings.segmentRules.splice(index, 1);
  }

  /** Adds a rule segment or fixed list, or replaces the one at `index`. */
  saveRuleSegment(segment: SavedSegment, index: number | null): void {
    if (index === null) this.settings.ruleSegments.push(segment);
    else this.settings.ruleSegments[index] = segment;
  }

  removeRuleSegment(index: number): void {
    this.settings.ruleSegments.splice(index, 1);
  }
}
