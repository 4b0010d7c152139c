/**
 * The web API explaining images through `handler(new Request(...))`, no
 * port: health before and after, multipart and raw bodies checked against
 * the library's own numbers, and the page's form posted without JavaScript
 * answered with HTML. Bad requests: `web_api_errors_test.ts`; the queue and
 * a failing model: `web_api_app_test.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { handler } from "../web/handler.ts";
import { decodeImage } from "../backends/image_io.ts";
import { loadModel } from "../backends/load.ts";
import { useBackend } from "../backends/engine.ts";
import { explain } from "../core/explain.ts";
import { quantizeMap } from "../web/api/_answer.ts";
import {
  form,
  fromBase64,
  object,
  png,
  pngFile,
  post,
} from "./fixtures/api_requests.ts";

Deno.test("handler() GET /api/health answers before any model is loaded", async () => {
  const response = await handler(new Request("http://localhost/api/health"));
  assert.equal(response.status, 200);
  const health = await response.json();
  assert.equal(health.ok, true);
  assert.equal(health.backend, "wasm");
  assert.equal(health.model.state, "idle");
  assert.equal(health.tensors, 0);
  assert.equal(health.queue.running, 0);
  assert.ok(health.memory.rss > 0);
});

Deno.test("handler() POST /api/explain multipart: all three methods, maps equal the library's", async () => {
  const response = await handler(post(form({ image: pngFile() })));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  const body = await response.json();
  assert.equal(body.backend, "wasm");
  assert.equal(body.model.name, "demo");
  assert.equal(body.model.layer, "last_conv");
  assert.deepEqual([body.width, body.height], [112, 112]);
  assert.equal(body.predictions.length, 5);
  assert.equal(body.predictions[0].label, object.label);
  assert.deepEqual(
    body.explanations.map((e: { method: string }) => e.method),
    ["cam", "grad-cam", "grad-cam++"],
  );

  // The same explanation through the library, quantised the same way.
  await useBackend("wasm");
  const { model } = await loadModel(
    new URL("../backends/demo_model/model.json", import.meta.url).pathname,
  );
  const image = await decodeImage(png);
  const [expected] = await explain(model, [image], {
    methods: ["cam", "grad-cam", "grad-cam++"],
  });
  model.dispose();
  for (const [i, e] of body.explanations.entries()) {
    const want = expected.explanations[i];
    assert.equal(e.classIndex, object.classIndex);
    assert.equal(e.label, object.label);
    assert.ok(Math.abs(e.score - want.score) < 1e-4, `${e.score}`);
    assert.deepEqual(e.peak, want.peak);
    assert.deepEqual(e.bbox, want.bbox);
    assert.deepEqual([e.heatmap.width, e.heatmap.height], [112, 112]);
    const map = fromBase64(e.heatmap.data);
    assert.deepEqual(map, quantizeMap(want.map));
    assert.equal(Math.max(...map), 255);
    // The map points at the object (the scene's ground truth).
    const { x, y } = e.peak;
    assert.ok(
      x >= object.box.x - 8 && x < object.box.x + object.box.width + 8 &&
        y >= object.box.y - 8 && y < object.box.y + object.box.height + 8,
      `${e.method} peak ${x},${y} outside ${JSON.stringify(object.box)}`,
    );
    assert.match(e.overlay, /^data:image\/png;base64,/);
    const overlay = await decodeImage(
      fromBase64(e.overlay.slice("data:image/png;base64,".length)),
    );
    assert.deepEqual([overlay.width, overlay.height], [112, 112]);
  }
});

Deno.test("handler() POST /api/explain raw image body with query options", async () => {
  const response = await handler(
    post(png as BodyInit, {
      type: "image/png",
      query: "?method=grad-cam,cam&class=square,5&colormap=gray&alpha=1",
    }),
  );
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(
    body.explanations.map((e: { method: string; label: string }) =>
      `${e.method}:${e.label}`
    ),
    ["grad-cam:square", "cam:square", "grad-cam:ring", "cam:ring"],
  );
  // alpha 1 and the gray colormap: the overlay is the map itself.
  const e = body.explanations[0];
  const overlay = await decodeImage(
    fromBase64(e.overlay.slice("data:image/png;base64,".length)),
  );
  const map = fromBase64(e.heatmap.data);
  for (let p = 0; p < map.length; p += 97) {
    assert.ok(Math.abs(overlay.data[p * 4] - map[p]) <= 1, `pixel ${p}`);
  }
});

Deno.test("handler() GET /api/health after explaining: ready, tensors stay constant", async () => {
  const before =
    await (await handler(new Request("http://localhost/api/health")))
      .json();
  assert.equal(before.model.state, "ready");
  assert.ok(before.tensors > 0);
  const response = await handler(post(form({ image: pngFile() })));
  assert.equal(response.status, 200);
  await response.body?.cancel();
  const after =
    await (await handler(new Request("http://localhost/api/health")))
      .json();
  assert.equal(after.tensors, before.tensors);
});

Deno.test("handler() POST /api/explain from the page's form without JavaScript answers HTML", async () => {
  const browser = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
  const fields = form({
    image: pngFile(),
    method: "cam,grad-cam,grad-cam++",
    alpha: "0.5",
    colormap: "turbo",
    counterfactual: "true",
    sample: "star",
  });
  const response = await handler(post(fields, { headers: browser }));
  assert.equal(response.status, 200);
  assert.equal(
    response.headers.get("content-type"),
    "text/html; charset=utf-8",
  );
  const html = await response.text();
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, new RegExp(`<li>${object.label} \\d+\\.\\d%</li>`));
  assert.equal(html.match(/<img src="data:image\/png;base64,/g)?.length, 3);
  assert.match(html, /alt="Grad-CAM\+\+ heat map for \w+ \(counterfactual\)"/);
  assert.match(html, /<a href="\/">Explain another image<\/a>/);

  // No file chosen: the browser sends an empty file part.
  const empty = form({
    image: new File([], "", { type: "application/octet-stream" }),
  });
  const refused = await handler(post(empty, { headers: browser }));
  assert.equal(refused.status, 400);
  assert.match(refused.headers.get("content-type") ?? "", /^text\/html/);
  assert.match(
    await refused.text(),
    /<p role="alert">The &quot;image&quot; file is empty: choose a PNG, JPEG or TIFF image<\/p>/,
  );
});
