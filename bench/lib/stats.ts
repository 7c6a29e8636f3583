/** The p-th percentile (0-100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));

  return sorted[rank] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** Count, median, p99 and maximum, rounded to 0.01. */
export function summarize(values: number[]): Summary {
  const round = (x: number) => Math.round(x * 100) / 100;

  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
  };
}

/** One line of a benchmark's report: the figure, the reference, and their ratio. */
export function report(name: string, figure: number, reference: number, unit: string, note = "") {
  const ratio = reference === 0 ? Number.NaN : figure / reference;
  // Benchmarks print to stdout by design: they are scripts, not part of the app.
  console.log(
    [
      `${name}: ${figure.toFixed(2)} ${unit}`,
      `reference ${reference.toFixed(2)} ${unit}`,
      `ratio ${ratio.toFixed(2)}`,
      ...(note ? [note] : []),
    ].join(" | "),
  );
}
