import type { Attachment } from 'svelte/attachments';

/**
 * Reports an element's width whenever it changes, as a ResizeObserver sees it, rounded to a
 * pixel as clientWidth is. Unlike bind:clientWidth, it never reads the width while the page is
 * being changed: that binding reads it as the chart mounts, which lays the page out inside the
 * mounting task (17 of the 37 ms of the Pareto curve's mounting task in a CPU profile of a 5M
 * import). The observer hears of the width after the frame's own layout, before it is painted,
 * so the chart is drawn at its width before it is first seen.
 */
export function observeWidth(set: (width: number) => void): Attachment<HTMLElement> {
  return (element) => {
    const observer = new ResizeObserver((entries) => {
      const entry = entries.at(-1);
      if (entry) set(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
