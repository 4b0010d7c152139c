/**
 * Models loaded from an http(s) URL: shards resolve relative to model.json,
 * and a missing shard is named in the error.
 */
import assert from "node:assert/strict";
import { useBackend } from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import { saveTinyModel } from "./fixtures/tiny_models.ts";

Deno.test("loadModel() reads a model and its shards from an http URL", async () => {
  await useBackend("cpu");
  const path = await saveTinyModel("gapDense");
  const dir = path.slice(0, path.lastIndexOf("/"));
  const requests: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const name = new URL(request.url).pathname.replace(/^\/models\//, "");
      requests.push(name);
      try {
        return new Response(await Deno.readFile(`${dir}/${name}`));
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
  try {
    const base = `http://127.0.0.1:${server.addr.port}/models/`;
    const { model } = await loadModel(`${base}model.json`);
    assert.equal(model.source, `${base}model.json`);
    assert.equal(model.defaultLayer, "conv2");
    assert.deepEqual(requests.sort(), [
      "camkit.json",
      "labels.json",
      "metadata.json",
      "model.json",
      "weights.bin",
    ]);
    model.dispose();
    await Deno.remove(`${dir}/weights.bin`);
    await assert.rejects(
      () => loadModel(`${base}model.json`),
      /Cannot find weight shard "weights.bin" of model "http:\/\/127\.0\.0\.1:\d+\/models\/model\.json"/,
    );
  } finally {
    await server.shutdown();
  }
});
