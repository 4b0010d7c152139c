/**
 * The report of `cam eval`: per-method totals of the per-object numbers, the
 * classification accuracy, and the text table.
 *
 * @module
 */
import { confidenceChange } from "../core/metrics/average_drop.ts";
import type { ImageResult, ObjectResult } from "./eval_run.ts";

/** A count of hits. */
export interface Rate {
  readonly hits: number;
  readonly total: number;
  /** hits / total (0 when there is nothing to count). */
  readonly rate: number;
}

/** One method's totals over all annotated objects. */
export interface MethodSummary {
  /** Objects measured. */
  readonly objects: number;
  /** Pointing game (peak within 15 px of the object). */
  readonly pointingGame: Rate;
  /** Mean share of map energy inside the box. */
  readonly energyPointingGame: number;
  /** CAM-paper box with IoU ≥ 0.5. */
  readonly localization: Rate;
  /** Mean IoU of the CAM-paper box. */
  readonly meanIou: number;
  /** Average Drop %, lower is better. */
  readonly averageDropPercent: number;
  /** % Increase in Confidence, higher is better. */
  readonly increaseInConfidencePercent: number;
  /** Mean deletion AUC, lower is better. */
  readonly deletionAuc: number;
  /** Mean insertion AUC, higher is better. */
  readonly insertionAuc: number;
  /** Objects in images with several objects: the class's map peaks on its own object. */
  readonly ownObjectPeak: Rate | null;
}

function rate(hits: number, total: number): Rate {
  return { hits, total, rate: total > 0 ? hits / total : 0 };
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Totals per method, in the order given. */
export function summarize(
  images: readonly ImageResult[],
  methods: readonly string[],
): Record<string, MethodSummary> {
  const all = images.flatMap((image) => image.results);
  const summaries: Record<string, MethodSummary> = {};
  for (const method of methods) {
    const rs: ObjectResult[] = all.filter((r) => r.method === method);
    if (rs.length === 0) continue;
    const own = rs.filter((r) => r.ownPeak !== null);
    const change = confidenceChange(
      rs.map((r) => r.original),
      rs.map((r) => r.explained),
    );
    summaries[method] = {
      objects: rs.length,
      pointingGame: rate(rs.filter((r) => r.pointing).length, rs.length),
      energyPointingGame: mean(rs.map((r) => r.energy)),
      localization: rate(rs.filter((r) => r.iou >= 0.5).length, rs.length),
      meanIou: mean(rs.map((r) => r.iou)),
      averageDropPercent: change.averageDrop,
      increaseInConfidencePercent: change.increaseInConfidence,
      deletionAuc: mean(rs.map((r) => r.deletion)),
      insertionAuc: mean(rs.map((r) => r.insertion)),
      ownObjectPeak: own.length
        ? rate(own.filter((r) => r.ownPeak).length, own.length)
        : null,
    };
  }
  return summaries;
}

/** Top-1 accuracy on the images with one object (`null` when there are none). */
export function accuracy(images: readonly ImageResult[]): Rate | null {
  const single = images.filter((image) => image.correct !== null);
  if (single.length === 0) return null;
  return rate(single.filter((image) => image.correct).length, single.length);
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The per-method table as text. */
export function formatTable(summaries: Record<string, MethodSummary>): string {
  const multi = Object.values(summaries).some((s) => s.ownObjectPeak);
  const header = [
    "method",
    "pointing",
    "energy PG",
    "IoU≥0.5",
    "mean IoU",
    "avg drop ↓",
    "incr conf ↑",
    "deletion ↓",
    "insertion ↑",
    ...(multi ? ["own-object peak"] : []),
  ];
  const rows = Object.entries(summaries).map(([method, s]) => [
    method,
    pct(s.pointingGame.rate),
    s.energyPointingGame.toFixed(3),
    pct(s.localization.rate),
    s.meanIou.toFixed(3),
    `${s.averageDropPercent.toFixed(1)}%`,
    `${s.increaseInConfidencePercent.toFixed(1)}%`,
    s.deletionAuc.toFixed(3),
    s.insertionAuc.toFixed(3),
    ...(multi ? [s.ownObjectPeak ? pct(s.ownObjectPeak.rate) : "—"] : []),
  ]);
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((row) => row[c].length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, c) =>
      c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])
    )
      .join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
