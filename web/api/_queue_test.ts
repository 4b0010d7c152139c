import assert from "node:assert/strict";
import { HttpError } from "../_http.ts";
import { WorkQueue } from "./_queue.ts";

Deno.test("WorkQueue never runs more than `concurrency` jobs and starts waiters in order", async () => {
  const queue = new WorkQueue({ concurrency: 2, capacity: 10 });
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const jobs = Array.from({ length: 8 }, (_, i) =>
    queue.run(async () => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (i % 3)));
      running--;
      return i;
    }));
  assert.deepEqual(queue.stats().running, 2);
  assert.deepEqual(queue.stats().waiting, 6);
  assert.deepEqual(await Promise.all(jobs), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(most, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(queue.stats(), {
    running: 0,
    waiting: 0,
    concurrency: 2,
    capacity: 10,
    refused: 0,
  });
});

Deno.test("WorkQueue refuses with a 503 and Retry-After when full, and recovers", async () => {
  const queue = new WorkQueue({ concurrency: 1, capacity: 1 });
  let release = () => {};
  const first = queue.run(() => new Promise<void>((r) => release = r));
  const second = queue.run(() => Promise.resolve("second"));
  assert.equal(queue.full, true);
  const refused = await queue.run(() => Promise.resolve("third")).catch((
    e,
  ) => e);
  assert.ok(refused instanceof HttpError);
  assert.equal(refused.status, 503);
  assert.ok(Number(refused.headers["retry-after"]) >= 1);
  release();
  await first;
  assert.equal(await second, "second");
  assert.equal(await queue.run(() => Promise.resolve("again")), "again");
  assert.equal(queue.stats().refused, 1);
});

Deno.test("WorkQueue frees the slot when a job throws", async () => {
  const queue = new WorkQueue({ concurrency: 1, capacity: 0 });
  await assert.rejects(
    queue.run(() => Promise.reject(new Error("boom"))),
    /boom/,
  );
  assert.equal(await queue.run(() => Promise.resolve(1)), 1);
  assert.equal(queue.stats().running, 0);
});

Deno.test("WorkQueue rejects limits that are not whole numbers", () => {
  assert.throws(() => new WorkQueue({ concurrency: 0 }), RangeError);
  assert.throws(() => new WorkQueue({ capacity: -1 }), RangeError);
  assert.throws(() => new WorkQueue({ capacity: 1.5 }), RangeError);
});
