/**
 * `cam layers`: the model's layers (graph nodes), their output shapes, the
 * default target layer and whether CAM applies there.
 *
 * @module
 */
import type { CliArgs } from "./args.ts";
import { type CommandContext, modelJson } from "./context.ts";

/** Runs `cam layers`; returns the exit code. */
export function layersCommand(args: CliArgs, context: CommandContext): number {
  const model = context.model;
  const cam = model.linearHead(context.layer);
  if (args.json) {
    console.log(JSON.stringify(
      {
        backend: context.backend,
        model: {
          ...modelJson(context, args.score),
          numClasses: model.numClasses,
          defaultLayer: model.defaultLayer,
        },
        cam: cam.ok ? { ok: true } : { ok: false, reason: cam.reason },
        layers: model.layers.map((l) => ({
          name: l.name,
          kind: l.kind,
          outputShape: l.outputShape,
        })),
      },
      null,
      2,
    ));
    return 0;
  }
  const width = Math.max(...model.layers.map((l) => l.name.length));
  for (const l of model.layers) {
    const mark = l.name === context.layer ? "  ← target" : "";
    console.log(
      `${l.name.padEnd(width)}  ${l.kind.padEnd(22)} [${
        l.outputShape.map((d) => d ?? "?").join(", ")
      }]${mark}`,
    );
  }
  console.log(
    `\n${model.layers.length} layers · ${model.numClasses} classes · input ${
      model.inputShape.join("x")
    } · backend ${context.backend}`,
  );
  console.log(`target layer: ${context.layer} (default ${model.defaultLayer})`);
  console.log(
    cam.ok
      ? "CAM: available (linear, pooled head)"
      : `CAM: unavailable — ${cam.reason}`,
  );
  return 0;
}
