/** Below this much progress or elapsed time an estimate is noise, so none is given. */
const MIN_PERCENT = 1;
const MIN_ELAPSED_MS = 1_000;

/**
 * Seconds left for an attempt at the rate it has made progress so far: elapsed time scaled by
 * the share still to do. Null when too little is known (just started, no progress, finished).
 */
export function estimateEtaSeconds(
  startedAtMs: number,
  nowMs: number,
  percent: number,
): number | null {
  const elapsed = nowMs - startedAtMs;
  if (percent < MIN_PERCENT || percent >= 100 || elapsed < MIN_ELAPSED_MS) return null;

  return Math.max(0, Math.round(((elapsed / percent) * (100 - percent)) / 1000));
}
