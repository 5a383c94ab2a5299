/**
 * Runs `steps` in order, each in a task of its own (a zero-delay timer after the one before), so
 * no step shares a task with the next: how the workspace spreads a mount, or a selection's linked
 * views, over tasks short enough that the page keeps answering. Returns the cancel of the steps
 * not run yet, for an effect's cleanup.
 */
export function runInTasks(steps: ReadonlyArray<() => void>): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (i: number) => {
    steps[i]!();
    if (i + 1 < steps.length) timer = setTimeout(() => run(i + 1), 0);
  };
  if (steps.length > 0) timer = setTimeout(() => run(0), 0);
  return () => clearTimeout(timer);
}
