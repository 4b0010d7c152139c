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
  eachImage,
  labelOf,
  printJson,
} from "./context.ts";
import { UsageError } from "./errors.ts";

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
  const { documents, failed } = await eachImage(
    args.inputs,
    async (path, image) => {
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
      if (!args.json) {
        console.log(`${path}:`);
        for (const p of predictions) {
          console.log(
            `  ${
              (p.score * 100).toFixed(2).padStart(6)
            }%  ${p.index}  ${p.label}`,
          );
        }
      }
      return { path, width: image.width, height: image.height, predictions };
    },
  );
  if (args.json) printJson(context, args.score, documents);
  return failed ? 1 : 0;
}
