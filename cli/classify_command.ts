/**
 * `cam classify`: top-k predictions for images.
 *
 * @module
 */
import { fitToInput, toInput } from "../core/preprocess.ts";
import { topK } from "../core/top_k.ts";
import type { CliArgs } from "./args.ts";
import {
  type CommandContext,
  labelOf,
  modelJson,
  progress,
  readImage,
} from "./context.ts";
import { expandImages } from "./files.ts";
import { errorLine, UsageError } from "./errors.ts";

/** Runs `cam classify`; returns the exit code. */
export async function classifyCommand(
  args: CliArgs,
  context: CommandContext,
): Promise<number> {
  if (args.inputs.length === 0) {
    throw new UsageError(
      "Nothing to classify: pass one or more images or folders",
    );
  }
  const [height, width, channels] = context.model.inputShape;
  const images = await expandImages(args.inputs);
  const documents: unknown[] = [];
  let failures = 0;
  for (const [i, item] of images.entries()) {
    progress(i + 1, images.length, item.path);
    try {
      if (item.error) throw new Error(item.error);
      const image = await readImage(item.path);
      const fitted = fitToInput(image, { width, height, resize: args.resize });
      const data = toInput(fitted.image, {
        preprocess: context.preprocess,
        channels: channels === 1 ? 1 : 3,
      });
      const [prediction] = await context.model.predict({
        data,
        batch: 1,
        height,
        width,
        channels,
      });
      const predictions = topK(prediction.probabilities, args.topK).map((
        index,
      ) => ({
        index,
        label: labelOf(context, index),
        score: prediction.probabilities[index],
        logit: prediction.logits[index],
      }));
      documents.push({
        path: item.path,
        width: image.width,
        height: image.height,
        predictions,
      });
      if (!args.json) {
        console.log(`${item.path}:`);
        for (const p of predictions) {
          console.log(
            `  ${
              (p.score * 100).toFixed(2).padStart(6)
            }%  ${p.index}  ${p.label}`,
          );
        }
      }
    } catch (error) {
      failures++;
      console.error(`cam: ${errorLine(error)}`);
    }
  }
  if (args.json) {
    console.log(JSON.stringify(
      {
        backend: context.backend,
        model: modelJson(context, args.score),
        images: documents,
      },
      null,
      2,
    ));
  }
  return failures > 0 ? 1 : 0;
}
