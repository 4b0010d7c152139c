/**
 * `cam eval`'s worker pool: shares of a batch fitted, preprocessed and
 * scored on worker threads give the same probabilities, in the same order,
 * as the model on one thread.
 *
 * @module
 */
import assert from "node:assert/strict";
import { useBackend } from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import { fitToInput, toInput } from "../core/preprocess.ts";
import type { RgbaImage } from "../core/types.ts";
import { PredictPool } from "../cli/eval_pool.ts";
import { saveTinyModel } from "./fixtures/tiny_models.ts";

function image(seed: number, size: number): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < data.length; i++) {
    data[i] = (i * 7919 + seed * 104729) % 256;
  }
  return { width: size, height: size, data };
}

Deno.test("PredictPool splits a batch over workers and keeps the order", async () => {
  const backend = await useBackend("wasm");
  const { model } = await loadModel(await saveTinyModel("gapDense"));
  try {
    const [height, width, channels] = model.inputShape;
    // Model-sized images and larger ones that must be stretched.
    const images = Array.from(
      { length: 7 },
      (_, i) => image(i, i % 2 ? 12 : 30),
    );
    const settings = { preprocess: "symmetric", resize: "stretch" } as const;
    const size = height * width * channels;
    const data = new Float32Array(images.length * size);
    images.forEach((im, b) =>
      data.set(
        toInput(
          fitToInput(im, { width, height, resize: "stretch" }).image,
          settings,
        ),
        b * size,
      )
    );
    const expected = (await model.predict({
      data,
      batch: images.length,
      height,
      width,
      channels,
    })).map((p) => p.probabilities);
    const notes: string[] = [];
    const pool = await PredictPool.start(model, {
      backend,
      count: 2,
      settings,
      note: (s) => notes.push(s),
    });
    try {
      assert.equal(notes.length, 0, notes.join());
      assert.equal(pool.threads, 3);
      const check = (got: Float32Array[], from = 0) =>
        got.forEach((p, b) => {
          assert.equal(p.length, model.numClasses);
          p.forEach((v, c) =>
            assert.ok(Math.abs(v - expected[from + b][c]) < 1e-6)
          );
        });
      const got = await pool.probabilities(images);
      assert.equal(got.length, images.length);
      check(got);
      // Fewer images than threads: some workers get nothing.
      const one = await pool.probabilities(images.slice(3, 4));
      assert.equal(one.length, 1);
      check(one, 3);
      // The images themselves are left intact (copied, not transferred).
      assert.equal(images[6].data.length, 30 * 30 * 4);
    } finally {
      pool.close();
    }
    // A model the workers cannot load: the pool runs on the main thread.
    const lonely = await PredictPool.start(
      {
        ...model,
        inputShape: model.inputShape,
        numClasses: model.numClasses,
        source: "/nowhere/model.json",
        predict: model.predict.bind(model),
      },
      { backend, count: 1, settings, note: (s) => notes.push(s) },
    );
    assert.equal(lonely.threads, 1);
    assert.match(
      notes[0],
      /^note: scoring on one thread \(workers did not start: .*nowhere/,
    );
    const alone = await lonely.probabilities(images);
    alone.forEach((p, b) =>
      p.forEach((v, c) => assert.ok(Math.abs(v - expected[b][c]) < 1e-6))
    );
    lonely.close();
  } finally {
    model.dispose();
  }
});
