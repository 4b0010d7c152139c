/**
 * Scoring and saving the trained demo model.
 *
 * @module
 */
import * as tfl from "@tensorflow/tfjs-layers";
import { tf } from "../../backends/engine.ts";
import { type Scene, SHAPE_CLASSES } from "../../core/shapes/generate.ts";
import { peak } from "../../core/localize.ts";
import { CLASSES, fullImages, LAST_CONV, SIZE } from "./data.ts";

/** Top-1 accuracy of `model` (inference mode) on one-object scenes. */
export function accuracy(
  model: tfl.LayersModel,
  scenes: readonly Scene[],
): number {
  let correct = 0;
  for (let i = 0; i < scenes.length; i += 50) {
    const part = scenes.slice(i, i + 50);
    const predicted = tf.tidy(() =>
      tf.argMax(model.predict(fullImages(part)) as tf.Tensor, 1).dataSync()
    );
    part.forEach((scene, k) => {
      if (predicted[k] === scene.objects[0].classIndex) correct++;
    });
  }
  return correct / scenes.length;
}

/**
 * The pointing game for CAM at feature resolution: how often the CAM of each
 * object's class (GAP→Dense weights × `last_conv` activations) peaks in a
 * cell whose centre lies inside that object's box.
 */
export function camPointing(model: tfl.LayersModel, scenes: readonly Scene[]) {
  const body = tfl.model({
    inputs: model.inputs,
    outputs: model.getLayer(LAST_CONV).output as tfl.SymbolicTensor,
  });
  const weights = model.getLayer("predictions").getWeights()[0];
  let hits = 0, total = 0;
  for (let i = 0; i < scenes.length; i += 50) {
    const part = scenes.slice(i, i + 50);
    const [, h, w] = body.outputs[0].shape as number[];
    const maps = tf.tidy(() => {
      const a = body.predict(fullImages(part)) as tf.Tensor4D;
      return tf.matMul(tf.reshape(a, [-1, a.shape[3]]), weights).dataSync();
    });
    part.forEach((scene, n) => {
      for (const { classIndex, box } of scene.objects) {
        const map = new Float32Array(h * w);
        for (let p = 0; p < h * w; p++) {
          map[p] = maps[(n * h * w + p) * CLASSES + classIndex];
        }
        const cell = peak(map, { width: w, height: h });
        const x = (cell.x + 0.5) * SIZE / w, y = (cell.y + 0.5) * SIZE / h;
        total++;
        if (
          x >= box.x && x < box.x + box.width && y >= box.y &&
          y < box.y + box.height
        ) hits++;
      }
    });
  }
  return hits / total;
}

/** Writes the model as model.json + one weights.bin, never half-written. */
export async function saveModel(model: tfl.LayersModel, dir: string) {
  await Deno.mkdir(dir, { recursive: true });
  let bytes = 0;
  await model.save({
    async save(artifacts) {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData!);
      bytes = weights.byteLength;
      const json = {
        format: "layers-model",
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{
          paths: ["weights.bin"],
          weights: artifacts.weightSpecs,
        }],
      };
      await Deno.writeFile(`${dir}/weights.bin.tmp`, new Uint8Array(weights));
      await Deno.writeTextFile(`${dir}/model.json.tmp`, JSON.stringify(json));
      await Deno.rename(`${dir}/weights.bin.tmp`, `${dir}/weights.bin`);
      await Deno.rename(`${dir}/model.json.tmp`, `${dir}/model.json`);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          weightDataBytes: bytes,
        },
      };
    },
  });
  await Deno.writeTextFile(
    `${dir}/labels.json`,
    JSON.stringify(SHAPE_CLASSES) + "\n",
  );
  await Deno.writeTextFile(
    `${dir}/camkit.json`,
    JSON.stringify({ preprocess: "unit", labels: "labels.json" }) + "\n",
  );
  return bytes;
}

/** Reads the written files back through a custom IOHandler. */
export async function loadSaved(dir: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  const weightData = (await Deno.readFile(`${dir}/weights.bin`)).buffer;
  return await tfl.loadLayersModel({
    load: () =>
      Promise.resolve({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData,
      }),
  });
}
