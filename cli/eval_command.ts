/**
 * `cam eval <images-dir> [--annotations FILE]`: how good are a model's
 * explanations on a labelled set? For every annotated object, every
 * method's map of the object's class (not the prediction) is scored with the
 * pointing game, the energy-based pointing game, CAM-paper localisation,
 * Average Drop / Increase in Confidence and deletion / insertion AUC; the
 * report also gives top-1 accuracy on one-object images and, on images with
 * several objects, how often each class's map peaks on its own object.
 *
 * @module
 */
import type { CliArgs } from "./args.ts";
import { type CommandContext, labelOf, modelJson } from "./context.ts";
import { loadDataset, readEvalImage } from "./eval_data.ts";
import { EVAL_SETTINGS, evaluateChunk, type ImageResult } from "./eval_run.ts";
import { accuracy, formatTable, summarize } from "./eval_report.ts";
import { PredictPool, workerCount } from "./eval_pool.ts";

/** Images explained and scored together (their model calls are batched). */
const CHUNK = 8;

function note(line: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(line + "\n"));
}

/** Runs `cam eval`; returns the exit code. */
export async function evalCommand(
  args: CliArgs,
  context: CommandContext,
): Promise<number> {
  const started = performance.now();
  const dataset = await loadDataset(args.inputs[0], context, {
    annotations: args.dataset.annotations,
    limit: args.dataset.limit,
  });
  const { images: entries, imagesDir } = dataset;
  const results: ImageResult[] = [];
  let skipped: { method: string; reason: string }[] = [];
  const pool = await PredictPool.start(context.model, {
    backend: context.backend,
    count: workerCount(context.backend),
    settings: { preprocess: context.preprocess, resize: args.resize },
    note,
  });
  try {
    for (let start = 0; start < entries.length; start += CHUNK) {
      const items = [];
      for (const entry of entries.slice(start, start + CHUNK)) {
        items.push(await readEvalImage(imagesDir, entry));
      }
      const chunk = await evaluateChunk(items, context, {
        methods: args.methods,
        steps: args.dataset.steps,
        score: args.score,
        resize: args.resize,
        pool,
      });
      results.push(...chunk.images);
      skipped = chunk.skipped;
      const done = start + items.length;
      const seconds = (performance.now() - started) / 1000;
      note(
        `[${done}/${entries.length}] ${items.at(-1)?.file} · ${
          seconds.toFixed(0)
        } s`,
      );
    }
  } finally {
    pool.close();
  }
  const threads = pool.threads;
  for (const skip of skipped) {
    note(`note: ${skip.method} skipped: ${skip.reason}`);
  }
  const methods = args.methods.map((m) => m.name)
    .filter((m) => !skipped.some((s) => s.method === m));
  const summaries = summarize(results, methods);
  const top1 = accuracy(results);
  const objects = results.reduce((n, r) => n + r.results.length, 0) /
    Math.max(methods.length, 1);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (args.json) {
    console.log(JSON.stringify(
      {
        backend: context.backend,
        model: modelJson(context, args.score),
        imagesDir,
        annotations: dataset.annotationsPath,
        images: results.length,
        objects,
        methods,
        skipped,
        settings: { steps: args.dataset.steps, ...EVAL_SETTINGS },
        accuracy: top1,
        summary: summaries,
        seconds,
        threads,
        perImage: results.map((r) => ({
          ...r,
          top1: { ...r.top1, label: labelOf(context, r.top1.index) },
          results: r.results.map((o) => ({
            ...o,
            label: labelOf(context, o.classIndex),
          })),
        })),
      },
      null,
      1,
    ));
    return 0;
  }
  console.log(
    `cam eval: ${results.length} images, ${objects} objects · ${context.model.source} · ` +
      `layer ${context.layer} · ${context.backend} · ${args.dataset.steps} steps · ${seconds} s`,
  );
  if (top1) {
    console.log(
      `top-1 accuracy (one-object images): ${
        (top1.rate * 100).toFixed(1)
      }% (${top1.hits}/${top1.total})`,
    );
  }
  console.log("");
  console.log(formatTable(summaries));
  console.log(
    "\npointing: peak within 15 px of the object · energy PG: share of map inside the box · " +
      "IoU≥0.5: CAM-paper box (largest region ≥ 20% of max) · avg drop / incr conf: softmax on " +
      "image ⊙ map · deletion / insertion: RISE AUC (black / blurred canvas)",
  );
  return 0;
}
