/**
 * `cam eval`'s worker pool: shares of a batch scored on worker threads give
 * the same probabilities, in the same order, as the model on one thread.
 *
 * @module
 */
import assert from "node:assert/strict";
import { useBackend } from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import { PredictPool } from "../cli/eval_pool.ts";
import { saveTinyModel } from "./fixtures/tiny_models.ts";

Deno.test("PredictPool splits a batch over workers and keeps the order", async () => {
  const backend = await useBackend("wasm");
  const { model } = await loadModel(await saveTinyModel("gapDense"));
  try {
    const [height, width, channels] = model.inputShape;
    const batch = 7;
    const data = new Float32Array(batch * height * width * channels);
    for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 255) / 255;
    const input = { data, batch, height, width, channels };
    const expected = (await model.predict(input)).map((p) => p.probabilities);
    const notes: string[] = [];
    const pool = await PredictPool.start(model, {
      backend,
      count: 2,
      note: (s) => notes.push(s),
    });
    try {
      assert.equal(notes.length, 0, notes.join());
      assert.equal(pool.threads, 3);
      const got = await pool.predict({ ...input, data: data.slice() });
      assert.equal(got.length, batch);
      got.forEach((p, b) => {
        assert.equal(p.length, model.numClasses);
        p.forEach((v, c) => assert.ok(Math.abs(v - expected[b][c]) < 1e-6));
      });
      // Fewer images than threads: some workers get nothing.
      const one = await pool.predict({
        ...input,
        batch: 1,
        data: data.slice(0, height * width * channels),
      });
      assert.equal(one.length, 1);
      one[0].forEach((v, c) => assert.ok(Math.abs(v - expected[0][c]) < 1e-6));
    } finally {
      pool.close();
    }
    // A model the workers cannot load: the pool runs on the main thread.
    const lonely = await PredictPool.start(
      {
        ...model,
        source: "/nowhere/model.json",
        predict: model.predict.bind(model),
      },
      { backend, count: 1, note: (s) => notes.push(s) },
    );
    assert.equal(lonely.threads, 1);
    assert.match(
      notes[0],
      /^note: scoring on one thread \(workers did not start: .*nowhere/,
    );
    assert.equal((await lonely.predict(input)).length, batch);
    lonely.close();
  } finally {
    model.dispose();
  }
});
