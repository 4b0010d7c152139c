/**
 * The web API's server behaviour through `createApp(...).fetch`, no port:
 * the bounded queue (503 with Retry-After) and a model that cannot load
 * answered with 500 instead of a crash.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createApp } from "../web/handler.ts";
import { errorOf, png, post } from "./fixtures/api_requests.ts";

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
