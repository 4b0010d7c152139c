/**
 * The web API through `handler(new Request(...))`, no port: health, explain
 * (multipart and raw bodies) checked against the library's own numbers, every
 * bad-request answer (400, 413, 415, 405), the bounded queue (503 with
 * Retry-After), and a failing model answered with 500 instead of a crash.
 */
import assert from "node:assert/strict";
import { createApp, handler } from "../web/handler.ts";
import { encodePng } from "../backends/png_encode.ts";
import { decodeImage } from "../backends/image_io.ts";
import { loadModel } from "../backends/load.ts";
import { useBackend } from "../backends/engine.ts";
import { explain } from "../core/explain.ts";
import { generateScene } from "../core/shapes/mod.ts";
import { quantizeMap } from "../web/api/_answer.ts";

const scene = generateScene(11);
const png = await encodePng(scene.image);
const [object] = scene.objects;

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function post(
  body: BodyInit | null,
  init: { query?: string; type?: string; headers?: Record<string, string> } =
    {},
): Request {
  const headers = new Headers(init.headers);
  if (init.type !== undefined) headers.set("content-type", init.type);
  return new Request(`http://localhost/api/explain${init.query ?? ""}`, {
    method: "POST",
    body,
    headers,
  });
}

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

function pngFile(bytes: Uint8Array = png, type = "image/png"): File {
  return new File([bytes as BlobPart], "scene.png", { type });
}

async function errorOf(response: Response): Promise<string> {
  assert.match(response.headers.get("content-type") ?? "", /application\/json/);
  const body = await response.json();
  assert.equal(typeof body.error, "string");
  return body.error;
}

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

Deno.test("handler() POST /api/explain answers bad requests with 400 and the reason", async (t) => {
  const truncated = png.slice(0, png.length - 40);
  const twoImages = form({ image: pngFile() });
  twoImages.append("image", pngFile());
  const cases: [string, Request, RegExp][] = [
    [
      "garbage bytes",
      post(new Uint8Array(500).fill(7), { type: "application/octet-stream" }),
      /not a PNG, JPEG or TIFF/,
    ],
    [
      "truncated PNG",
      post(truncated as BodyInit, { type: "image/png" }),
      /corrupt or truncated/,
    ],
    ["empty body", post(new Uint8Array(), { type: "image/png" }), /empty/],
    [
      "unknown method",
      post(form({ image: pngFile(), method: "grad-cam,score-cam" })),
      /Unknown method "score-cam": use one of cam, grad-cam, grad-cam\+\+/,
    ],
    [
      "class out of range",
      post(form({ image: pngFile(), class: "6" })),
      /Class 6 is out of range: the model has classes 0\.\.5/,
    ],
    [
      "negative class",
      post(png as BodyInit, { type: "image/png", query: "?class=-1" }),
      /out of range/,
    ],
    [
      "unknown class label",
      post(form({ image: pngFile(), class: "hexagon" })),
      /Unknown class "hexagon".*circle, square/,
    ],
    [
      "unknown layer",
      post(form({ image: pngFile(), layer: "conv9" })),
      /Unknown layer "conv9": use one of .*last_conv/,
    ],
    [
      "layer without spatial output",
      post(form({ image: pngFile(), layer: "gap" })),
      /Layer "gap" has no spatial output/,
    ],
    [
      "alpha out of range",
      post(form({ image: pngFile(), alpha: "2" })),
      /Alpha "2" is out of range/,
    ],
    [
      "unknown colormap",
      post(form({ image: pngFile(), colormap: "rainbow" })),
      /Unknown colormap "rainbow": use one of jet/,
    ],
    [
      "form without image",
      post(form({ method: "cam" })),
      /no "image" field/,
    ],
    [
      "image sent as text",
      post(form({ image: "not a file" })),
      /text, not a file/,
    ],
    [
      "two images",
      post(twoImages),
      /2 "image" fields/,
    ],
    [
      "multipart without a boundary",
      post("--x\r\nnonsense", { type: "multipart/form-data" }),
      /Cannot parse the multipart form/,
    ],
    [
      "bad Content-Length",
      post(png as BodyInit, {
        type: "image/png",
        headers: { "content-length": "lots" },
      }),
      /Content-Length "lots"/,
    ],
  ];
  for (const [name, request, pattern] of cases) {
    await t.step(name, async () => {
      const response = await handler(request);
      assert.equal(response.status, 400, name);
      assert.match(await errorOf(response), pattern);
    });
  }
});

Deno.test("handler() POST /api/explain refuses over-large images before decoding them", async () => {
  const app = createApp({ maxImagePixels: 100 * 100 });
  try {
    const response = await app.fetch(
      post(png as BodyInit, { type: "image/png" }),
    );
    assert.equal(response.status, 400);
    assert.match(
      await errorOf(response),
      /112x112 pixels: the API explains images up to 0\.0 megapixels/,
    );
  } finally {
    await app.close();
  }
});

Deno.test("handler() POST /api/explain answers 413 past 10 MB without reading it all", async (t) => {
  await t.step("declared Content-Length", async () => {
    const response = await handler(
      post(png as BodyInit, {
        type: "image/png",
        headers: { "content-length": String(20 * 1024 * 1024) },
      }),
    );
    assert.equal(response.status, 413);
    assert.match(await errorOf(response), /larger than 10 MB/);
  });
  await t.step("streamed body, no Content-Length", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(1);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        if (pulled > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await handler(post(body, { type: "image/png" }));
    assert.equal(response.status, 413);
    assert.match(await errorOf(response), /larger than 10 MB/);
    assert.ok(pulled <= 13 * 1024 * 1024, `read ${pulled} bytes`);
  });
  await t.step("multipart over the limit", async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(png);
    const response = await handler(post(form({ image: pngFile(big) })));
    assert.equal(response.status, 413);
    await response.body?.cancel();
  });
});

Deno.test("handler() POST /api/explain answers 415 for content types it does not take", async (t) => {
  const cases: [string, Request][] = [
    ["JSON", post('{"image": "x"}', { type: "application/json" })],
    ["text", post("hello", { type: "text/plain" })],
    ["no content type", post(new Blob([png as BlobPart]), {})],
    ["GIF", post(png as BodyInit, { type: "image/gif" })],
    [
      "form file typed as text",
      post(form({ image: pngFile(png, "text/plain") })),
    ],
  ];
  for (const [name, request] of cases) {
    await t.step(name, async () => {
      const response = await handler(request);
      assert.equal(response.status, 415, name);
      assert.match(await errorOf(response), /is not supported: send multipart/);
    });
  }
});

Deno.test("handler() /api routes: 405 for other methods, CORS preflight, JSON 404", async () => {
  const get = await handler(new Request("http://localhost/api/explain"));
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST");
  assert.match(await errorOf(get), /Method GET is not allowed here: use POST/);
  const preflight = await handler(
    new Request("http://localhost/api/explain", { method: "OPTIONS" }),
  );
  assert.equal(preflight.status, 204);
  assert.match(
    preflight.headers.get("access-control-allow-methods") ?? "",
    /POST/,
  );
  const missing = await handler(new Request("http://localhost/api/nothing"));
  assert.equal(missing.status, 404);
  assert.match(await errorOf(missing), /Not found/);
});

Deno.test("createApp() queue: runs one at a time, queues one, answers 503 with Retry-After", async () => {
  const app = createApp({ concurrency: 1, queueSize: 1 });
  try {
    const responses = await Promise.all(
      Array.from(
        { length: 5 },
        () => app.fetch(post(png as BodyInit, { type: "image/png" })),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 503, 503, 503]);
    for (const response of responses) {
      if (response.status === 503) {
        assert.ok(Number(response.headers.get("retry-after")) >= 1);
        assert.match(await errorOf(response), /The server is busy/);
      } else {
        await response.body?.cancel();
      }
    }
    const health = await (await app.fetch(
      new Request("http://localhost/api/health"),
    )).json();
    assert.deepEqual(
      [health.queue.running, health.queue.waiting, health.queue.refused],
      [0, 0, 3],
    );
  } finally {
    await app.close();
  }
});

Deno.test("createApp() a model that cannot load is a 500, and the server goes on", async () => {
  const empty = await Deno.makeTempDir();
  const app = createApp({ demoModelRoot: new URL(`file://${empty}/`) });
  const error = console.error;
  const logged: string[] = [];
  console.error = (...args: unknown[]) => logged.push(args.join(" "));
  try {
    for (let i = 0; i < 2; i++) {
      const response = await app.fetch(
        post(png as BodyInit, { type: "image/png" }),
      );
      assert.equal(response.status, 500);
      assert.match(await errorOf(response), /the server log has the details/);
    }
    assert.match(logged.join("\n"), /Cannot find model/);
    const health = await app.fetch(new Request("http://localhost/api/health"));
    assert.equal(health.status, 200);
    assert.equal((await health.json()).model.state, "idle");
  } finally {
    console.error = error;
    await app.close();
    await Deno.remove(empty, { recursive: true });
  }
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
  const response = await handler(
    new Request("http://localhost/api/explain", {
      method: "POST",
      body: fields,
      headers: browser,
    }),
  );
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
  const refused = await handler(
    new Request("http://localhost/api/explain", {
      method: "POST",
      body: empty,
      headers: browser,
    }),
  );
  assert.equal(refused.status, 400);
  assert.match(refused.headers.get("content-type") ?? "", /^text\/html/);
  assert.match(
    await refused.text(),
    /<p role="alert">The &quot;image&quot; file is empty: choose a PNG, JPEG or TIFF image<\/p>/,
  );
});
