/**
 * The web API's answers to bad requests through `handler(new Request(...))`,
 * no port: 400 with the reason, over-large images, 413 past 10 MB, 415 for
 * other content types, 405 for other methods, CORS preflight and JSON 404.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createApp, handler } from "../web/handler.ts";
import { errorOf, form, png, pngFile, post } from "./fixtures/api_requests.ts";

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
