/**
 * The worker side of `cam eval`'s `PredictPool` (`eval_pool.ts`): loads its own copy
 * of the model, then fits, preprocesses and scores the images it is sent.
 * Started by `eval_pool.ts`; does nothing when imported elsewhere.
 *
 * @module
 */
import { useBackend } from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import type { CamModel } from "../core/graph.ts";
import {
  type FromWorker,
  type InputSettings,
  predictImages,
  type ToWorker,
} from "./eval_pool.ts";

/** The worker side: loads its own copy of the model, then predicts. */
function serve(): void {
  const scope = globalThis as unknown as {
    onmessage: (event: MessageEvent<ToWorker>) => void;
    postMessage: (message: FromWorker, transfer?: Transferable[]) => void;
  };
  let model: CamModel | undefined;
  let settings: InputSettings | undefined;
  scope.onmessage = async (event) => {
    const message = event.data;
    try {
      if (message.kind === "init") {
        await useBackend(message.backend);
        model = (await loadModel(message.source)).model;
        settings = message.settings;
        scope.postMessage({ ok: true });
        return;
      }
      const predictions = await predictImages(
        model!,
        message.images,
        settings!,
      );
      const n = model!.numClasses;
      const flat = new Float32Array(predictions.length * n);
      predictions.forEach((p, b) => flat.set(p, b * n));
      scope.postMessage({ ok: true, probabilities: flat }, [flat.buffer]);
    } catch (error) {
      scope.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
}

if ("WorkerGlobalScope" in globalThis) serve();
