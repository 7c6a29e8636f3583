// Joins the traced runner's timestamps with the page's records into one row per progress step:
// when the handler reported it, when its event was published, sent to and answered by Soketi,
// when the page's socket received it and when the DOM first showed it.
import { readFileSync } from "node:fs";

import type { DomRecord, ProbeRecords, WireRecord } from "./browser-probe";
import { percentile } from "./stats";

interface TraceLine {
  k: "report" | "publish" | "sent" | "acked";
  t: number;
  jobId?: string;
  jobIds?: string;
  seqs?: string;
  percent?: number;
  progress?: number;
  kind?: string;
  seq?: number;
}

/** One handler report and the times it reached each later point (undefined: never seen). */
export interface StepTiming {
  jobId: string;
  percent: number;
  report: number;
  publish?: number;
  sent?: number;
  acked?: number;
  wire?: number;
  dom?: number;
  /** The job's card was not on the page yet when the handler reported. */
  beforeCard: boolean;
}

/** The trace file's records, in the order they were written. */
export function readTrace(file: string): TraceLine[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as TraceLine);
}

/** Whether the runner published a final event for this job. */
export function finished(trace: TraceLine[], jobId: string): boolean {
  return trace.some(
    (r) => r.k === "publish" && r.jobId === jobId && ["completed", "failed"].includes(r.kind ?? ""),
  );
}

const firstAfter = <T extends { t: number }>(items: T[], from: number, match: (x: T) => boolean) =>
  items.find((x) => x.t >= from && match(x))?.t;

/** One StepTiming per handler report of the given jobs (label by job id). */
export function joinSteps(
  trace: TraceLine[],
  probe: ProbeRecords,
  labels: Map<string, string>,
): StepTiming[] {
  const steps: StepTiming[] = [];
  for (const [jobId, label] of labels) {
    const dom = probe.dom.filter((d: DomRecord) => d.label === label);
    const cardAt = dom[0]?.t ?? Number.POSITIVE_INFINITY;
    const wire = probe.wire.filter((w: WireRecord) => w.jobId === jobId);
    for (const r of trace.filter((x) => x.k === "report" && x.jobId === jobId)) {
      const percent = r.percent ?? 0;
      const published = trace.find(
        (x) => x.k === "publish" && x.jobId === jobId && x.t >= r.t && (x.progress ?? 0) >= percent,
      );
      const inBatch = (x: TraceLine) =>
        (x.jobIds ?? "").split(",").includes(jobId) &&
        (x.seqs ?? "").split(",").includes(String(published?.seq));
      const from = published?.t ?? r.t;
      steps.push({
        jobId,
        percent,
        report: r.t,
        publish: published?.t,
        sent: published && trace.find((x) => x.k === "sent" && x.t >= from && inBatch(x))?.t,
        acked: published && trace.find((x) => x.k === "acked" && x.t >= from && inBatch(x))?.t,
        wire: firstAfter(wire, r.t, (w) => w.progress >= percent),
        dom: firstAfter(dom, r.t, (d) => d.value >= percent),
        beforeCard: cardAt > r.t,
      });
    }
  }

  return steps;
}

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** Count, median, p95 and maximum, rounded to 0.1. */
export function spread(values: number[]): Spread {
  const round = (x: number) => Math.round(x * 10) / 10;

  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: values.length ? round(Math.max(...values)) : Number.NaN,
  };
}

/** Durations between two points of the steps that reached both. */
export function between(
  steps: StepTiming[],
  from: keyof StepTiming,
  to: keyof StepTiming,
): number[] {
  return steps.flatMap((s) => {
    const a = s[from];
    const b = s[to];

    return typeof a === "number" && typeof b === "number" ? [b - a] : [];
  });
}
