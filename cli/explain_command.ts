/**
 * `cam explain`: heat maps for images, written as overlay / heatmap PNGs and
 * raw `.npy` maps, with a text or JSON report.
 *
 * @module
 */
import { explain } from "../core/explain.ts";
import { grayscale, overlay } from "../core/overlay.ts";
import { encodeNpy } from "../core/npy.ts";
import { encodePng } from "../backends/image_io.ts";
import type { CliArgs } from "./args.ts";
import {
  type CommandContext,
  eachImage,
  labelOf,
  printJson,
} from "./context.ts";
import { resolveClasses } from "./model_config.ts";
import { prepareOutDir, writeAll } from "./files.ts";
import { resolveUserPath, stem } from "./paths.ts";
import { UsageError } from "./errors.ts";

/** Runs `cam explain`; returns the exit code. */
export async function explainCommand(
  args: CliArgs,
  context: CommandContext,
): Promise<number> {
  if (args.inputs.length === 0) {
    throw new UsageError(
      "Nothing to explain: pass one or more images or folders",
    );
  }
  const classes = args.classes.length > 0
    ? resolveClasses(args.classes, context)
    : undefined;
  const out = resolveUserPath(args.out);
  await prepareOutDir(out);
  const used = new Map<string, number>();
  const { documents, failed } = await eachImage(
    args.inputs,
    async (path, image) => {
      const [result] = await explain(context.model, [image], {
        methods: args.methods,
        layer: context.layer,
        classes,
        topK: args.topK,
        score: args.score,
        counterfactual: args.counterfactual,
        preprocess: context.preprocess,
        resize: args.resize,
      });
      for (const skip of result.skipped) {
        console.error(`note: ${skip.method} skipped: ${skip.reason}`);
      }
      let name = stem(path);
      const seen = used.get(name) ?? 0;
      used.set(name, seen + 1);
      if (seen > 0) name = `${name}-${seen + 1}`;
      const files = new Map<string, Uint8Array>();
      const explanations = [];
      for (const e of result.explanations) {
        const kind = args.counterfactual
          ? `${e.method}-counterfactual`
          : e.method;
        const base = `${out}/${name}.${kind}.${e.classIndex}`;
        const written: Record<string, string> = {};
        if (args.save.includes("overlay")) {
          written.overlay = `${base}.overlay.png`;
          files.set(
            written.overlay,
            await encodePng(
              overlay(image, e.map, {
                alpha: args.alpha,
                colormap: args.colormap,
              }),
            ),
          );
        }
        if (args.save.includes("heatmap")) {
          written.heatmap = `${base}.heatmap.png`;
          files.set(
            written.heatmap,
            await encodePng(grayscale(e.map, image)),
          );
        }
        if (args.save.includes("raw")) {
          written.raw = `${base}.raw.npy`;
          files.set(written.raw, encodeNpy(e.raw, [e.rawHeight, e.rawWidth]));
        }
        explanations.push({
          method: e.method,
          layer: e.layer,
          classIndex: e.classIndex,
          label: labelOf(context, e.classIndex),
          score: e.score,
          peak: e.peak,
          bbox: e.bbox,
          files: written,
          ms: Math.round(e.ms * 10) / 10,
        });
      }
      await writeAll(files);
      const predictions = result.predictions.map((p) => ({
        index: p.index,
        label: labelOf(context, p.index),
        score: p.probability,
      }));
      const document = {
        path,
        width: image.width,
        height: image.height,
        predictions,
        explanations,
        skipped: result.skipped,
      };
      if (!args.json) {
        console.log(
          `${path} (${image.width}x${image.height}): ${
            predictions.slice(0, 3).map((p) =>
              `${p.label} ${(p.score * 100).toFixed(1)}%`
            ).join(", ")
          }`,
        );
        for (const e of explanations) {
          console.log(
            `  ${e.method} · ${e.label} (${args.score} ${
              e.score.toFixed(3)
            }) ` +
              `peak (${e.peak.x}, ${e.peak.y}) · ${e.ms} ms → ${
                Object.values(e.files).join(", ") || "(nothing saved)"
              }`,
          );
        }
      }
      return document;
    },
  );
  if (args.json) printJson(context, args.score, documents);
  return failed ? 1 : 0;
}
