/**
 * Trains camkit's embedded demo model: a small CAM-compatible CNN that tells
 * apart the six shapes of `core/shapes/`, on fresh seeded scenes every epoch.
 * Writes `backends/demo_model/` (model.json, weights.bin, labels.json,
 * camkit.json, training.json), then reloads the written files and checks
 * that they score the same on held-out scenes.
 *
 * ```sh
 * deno run --allow-read --allow-write=backends/demo_model cli/train/main.ts
 * ```
 *
 * Flags: `--out DIR` (default `backends/demo_model`), `--seed N` (1),
 * `--scale F` (scenes per epoch × F, default 1; 0.01 for a smoke test),
 * `--held-out N` (600), `--workers N` (2), `--learning-rate R` (0.003),
 * `--backend wasm|cpu|webgpu` (wasm). Same flags, same weights.
 *
 * How it stays fast on two CPU cores:
 * - TF.js's WASM backend has no `Conv2DBackpropFilter`, and with the CPU
 *   kernel it borrows a training step is ~200× slower, so training runs its own
 *   forward pass over the model's variables with convolutions whose
 *   gradients are themselves WASM convolutions ({@linkcode fastConv}). The
 *   saved model is an ordinary layers model.
 * - Most epochs train on 64×64 crops around the object (the model is fully
 *   convolutional up to global average pooling; 3× cheaper than 112×112),
 *   then crops grow to the full image.
 * - Two workers (`workers.ts`, one per core) each draw and differentiate
 *   half of every batch; the main thread averages their gradients and
 *   BatchNormalization statistics and steps Adam.
 *
 * @module
 */
import { parseArgs } from "node:util";
import * as tfl from "@tensorflow/tfjs-layers";
import { type BackendChoice, tf, useBackend } from "../../backends/engine.ts";
import {
  batchScene,
  HELD_OUT_SEED,
  scenesFrom,
  SCHEDULE,
  trainingPlan,
  TWO_OBJECT_SEED,
  VALIDATION_SEED,
} from "./data.ts";
import { buildModel, checkTrainingPass } from "./network.ts";
import { type StepResult, Trainers } from "./workers.ts";
import { accuracy, camPointing, loadSaved, saveModel } from "./evaluate.ts";

interface Settings {
  out: string;
  seed: number;
  scale: number;
  heldOut: number;
  backend: BackendChoice;
  learningRate: number;
  workers: number;
}

function settings(args: string[]): Settings {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: "string", default: "backends/demo_model" },
      seed: { type: "string", default: "1" },
      scale: { type: "string", default: "1" },
      "held-out": { type: "string", default: "600" },
      backend: { type: "string", default: "wasm" },
      "learning-rate": { type: "string", default: "0.003" },
      workers: { type: "string", default: "2" },
    },
  });
  const number = (
    name: "seed" | "scale" | "held-out" | "learning-rate" | "workers",
  ) => {
    const value = Number(values[name]);
    if (!(value > 0)) {
      throw new RangeError(
        `Invalid --${name} "${values[name]}": use a positive number`,
      );
    }
    return value;
  };
  return {
    out: values.out,
    seed: Math.round(number("seed")),
    scale: number("scale"),
    heldOut: Math.round(number("held-out")),
    backend: values.backend as BackendChoice,
    learningRate: number("learning-rate"),
    workers: Math.round(number("workers")),
  };
}

const percent = (v: number) => `${(v * 100).toFixed(2)}%`;

async function main(): Promise<void> {
  const s = settings(Deno.args);
  const backend = await useBackend(s.backend, { allowFallbackAdapter: true });
  const model = buildModel(s.seed);
  checkTrainingPass(model);
  const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const plan = [...trainingPlan(s)];
  console.error(
    `Training on ${backend}: ${model.countParams()} parameters, ` +
      `${SCHEDULE.length} epochs, ${plan.length} steps`,
  );
  const validation = scenesFrom(VALIDATION_SEED, 300);
  const optimizer = tf.train.adam(s.learningRate);
  const setRate = (rate: number) =>
    (optimizer as unknown as { learningRate: number }).learningRate = rate;
  const trainers = new Trainers(s.workers);
  await trainers.init(s.seed, s.backend);
  const history: Record<string, number>[] = [];
  const start = performance.now();
  let correct = 0, seen = 0, lossSum = 0;
  for (const [step, spec] of plan.entries()) {
    const t = step / plan.length;
    setRate(
      s.learningRate * Math.min(1, (step + 1) / 100) *
        (0.03 + 0.97 * 0.5 * (1 + Math.cos(Math.PI * t))),
    );
    const weights = model.weights.map((w) =>
      w.read().dataSync() as Float32Array
    );
    const results = await trainers.step(weights, spec);
    const n = spec.seeds.length;
    const mean = (pick: (r: StepResult) => Float32Array[], i: number) => {
      const sum = new Float32Array(pick(results[0])[i].length);
      for (const r of results) {
        const part = pick(r)[i], share = r.count / n;
        for (let k = 0; k < sum.length; k++) sum[k] += part[k] * share;
      }
      return sum;
    };
    const grads = variables.map((v, i) => ({
      name: v.name,
      tensor: tf.tensor(mean((r) => r.grads, i), v.shape),
    }));
    optimizer.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
    model.nonTrainableWeights.forEach((v, i) => {
      const moving = v.read() as tf.Variable;
      const average = tf.tensor(mean((r) => r.stats, i), moving.shape);
      moving.assign(average);
      average.dispose();
    });
    for (const r of results) {
      lossSum += r.loss * r.count;
      correct += r.correct;
    }
    seen += n;
    if (step + 1 === plan.length || plan[step + 1].epoch !== spec.epoch) {
      const row = {
        epoch: spec.epoch + 1,
        crop: spec.crop,
        scenes: seen,
        loss: lossSum / seen,
        train: correct / seen,
        validation: accuracy(model, validation),
        seconds: Math.round((performance.now() - start) / 1000),
      };
      history.push(row);
      console.error(
        `epoch ${row.epoch}/${SCHEDULE.length} (${row.crop}px, ${seen} scenes): ` +
          `loss ${row.loss.toFixed(4)}, train ${percent(row.train)}, ` +
          `validation ${percent(row.validation)}, ${row.seconds} s ` +
          `(${tf.memory().numTensors} tensors)`,
      );
      correct = seen = lossSum = 0;
    }
  }
  trainers.close();
  const trainingSeconds = (performance.now() - start) / 1000;

  const heldOut = scenesFrom(HELD_OUT_SEED, s.heldOut);
  const heldOutAccuracy = accuracy(model, heldOut);
  // Train accuracy: the final model on scenes of its last epoch.
  const seenScenes = plan.filter((b) => b.epoch === SCHEDULE.length - 1)
    .flatMap((b) => b.seeds.map((_, k) => batchScene(b, k))).slice(0, 600);
  const trainAccuracy = accuracy(model, seenScenes);
  const weightBytes = await saveModel(model, s.out);
  const reloaded = await loadSaved(s.out);
  const reloadedAccuracy = accuracy(reloaded, heldOut);
  if (reloadedAccuracy !== heldOutAccuracy) {
    throw new Error(
      `The saved model scores ${reloadedAccuracy}, the trained one ${heldOutAccuracy}`,
    );
  }
  const pointing = camPointing(reloaded, heldOut);
  const twoObjects = scenesFrom(TWO_OBJECT_SEED, 200, 2);
  const pointingTwo = camPointing(reloaded, twoObjects);
  const record = {
    command: [
      "deno run --allow-read --allow-write=backends/demo_model cli/train/main.ts",
    ]
      .concat(Deno.args).join(" "),
    backend,
    seed: s.seed,
    parameters: model.countParams(),
    weightBytes,
    epochs: SCHEDULE.length,
    steps: plan.length,
    trainingSeconds: Math.round(trainingSeconds),
    trainAccuracy,
    heldOut: {
      images: heldOut.length,
      seeds: `${HELD_OUT_SEED} - i`,
      accuracy: heldOutAccuracy,
      reloadedAccuracy,
    },
    camPointing: {
      oneObject: pointing,
      oneObjectImages: heldOut.length,
      twoObjects: pointingTwo,
      twoObjectImages: twoObjects.length,
    },
    history,
    versions: { deno: Deno.version.deno, tfjs: tfl.version_layers },
  };
  await Deno.writeTextFile(
    `${s.out}/training.json`,
    JSON.stringify(record, null, 2) + "\n",
  );
  console.error(
    `Trained in ${trainingSeconds.toFixed(0)} s: train ${
      percent(trainAccuracy)
    }, ` +
      `held-out ${percent(heldOutAccuracy)} on ${heldOut.length} images ` +
      `(reloaded ${percent(reloadedAccuracy)}); CAM pointing ` +
      `${percent(pointing)} (one object), ${
        percent(pointingTwo)
      } (two objects); ` +
      `${weightBytes} bytes of weights in ${s.out}`,
  );
}

if (import.meta.main) await main();
