/**
 * `cam serve` as a real process with exactly the permissions of
 * `deno task serve` (read from deno.json): it listens on a free loopback
 * port, answers 20 concurrent explanations, and its live tensors and memory
 * come back to their starting range. Also its usage and permission errors.
 */
import assert from "node:assert/strict";
import { serverReadPaths } from "../web/read_paths.ts";
import { ROOT } from "./fixtures/run_process.ts";
import { TASKS } from "./fixtures/task_flags.ts";

const PHOTO = await Deno.readFile(
  new URL("./testdata/chelsea.png", import.meta.url),
);

/** The permission flags of `deno task serve`, its read list computed. */
function servePermissions(): string[] {
  const task = TASKS.serve;
  const readList = '--allow-read="$(deno run web/read_paths.ts)"';
  assert.ok(task.includes(readList), task);
  return task.replace(readList, `--allow-read=${serverReadPaths().join(",")}`)
    .split(/\s+/).filter((token) => token.startsWith("--allow-"));
}

function serve(permissions: readonly string[], args: readonly string[]) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, "cli/main.ts", "serve", ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Reads lines from `stream` until one matches; returns the match. */
async function waitFor(
  lines: ReadableStreamDefaultReader<string>,
  pattern: RegExp,
  seen: string[],
): Promise<RegExpMatchArray> {
  let buffered = "";
  while (true) {
    const { done, value } = await lines.read();
    if (done) throw new Error(`Server ended first:\n${seen.join("")}`);
    buffered += value;
    seen.push(value);
    const match = buffered.match(pattern);
    if (match) return match;
  }
}

async function health(base: string) {
  const response = await fetch(`${base}/api/health`);
  assert.equal(response.status, 200);
  return await response.json();
}

async function burst(base: string, count: number): Promise<number> {
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: count }, () => {
      const form = new FormData();
      form.set(
        "image",
        new File([PHOTO as BlobPart], "chelsea.png", { type: "image/png" }),
      );
      return fetch(`${base}/api/explain`, { method: "POST", body: form });
    }),
  );
  for (const response of responses) {
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body).slice(0, 300));
    assert.equal(body.explanations.length, 3);
    assert.equal(body.explanations[0].heatmap.data.length, 451 * 300 * 4 / 3);
  }
  return performance.now() - started;
}

Deno.test("cam serve: usage and permission errors are one line", async () => {
  const permissions = servePermissions();
  const badPort = await serve(permissions, ["--port", "70000"]).output();
  assert.equal(badPort.code, 2);
  assert.match(
    new TextDecoder().decode(badPort.stderr),
    /^cam: --port must be a whole number from 0 to 65535, got "70000"\n$/,
  );
  const noRead = await serve(["--allow-net"], ["--port", "0"]).output();
  assert.equal(noRead.code, 1);
  const stderr = new TextDecoder().decode(noRead.stderr);
  assert.match(
    stderr,
    /^cam: cam serve needs read access to ".*static": start it with `deno task serve`/,
  );
  assert.equal(stderr.trim().split("\n").length, 1, stderr);
});

Deno.test("cam serve with deno task serve's permissions: 20 concurrent explanations, no leak", async () => {
  const permissions = servePermissions();
  const process = serve(permissions, ["--port", "0"]).spawn();
  const lines = process.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const seen: string[] = [];
  try {
    const [, port] = await waitFor(
      lines,
      /camkit: serving http:\/\/127\.0\.0\.1:(\d+)\//,
      seen,
    );
    const base = `http://127.0.0.1:${port}`;
    const loaded = await health(base);
    assert.equal(loaded.model.state, "ready");
    assert.equal(loaded.backend, "wasm");

    const warmMs = await burst(base, 20);
    const start = await health(base);
    assert.equal(start.tensors, loaded.tensors);
    const rounds: number[] = [];
    for (let round = 0; round < 2; round++) {
      rounds.push(await burst(base, 20));
      const now = await health(base);
      assert.equal(now.tensors, start.tensors, "live tensors grew");
      assert.deepEqual([now.queue.running, now.queue.waiting], [0, 0]);
      assert.equal(now.queue.refused, 0);
      // Steady state: another burst costs no lasting memory.
      assert.ok(
        now.memory.rss < start.memory.rss * 1.25 + 48 * 1024 * 1024,
        `rss ${start.memory.rss} → ${now.memory.rss}`,
      );
      console.log(
        `burst ${round + 1}: 20 explanations in ${
          rounds[round].toFixed(0)
        } ms (warm-up ${warmMs.toFixed(0)} ms); rss ${
          (start.memory.rss / 2 ** 20).toFixed(0)
        } → ${
          (now.memory.rss / 2 ** 20).toFixed(0)
        } MiB; tensors ${now.tensors}`,
      );
    }
  } finally {
    process.kill("SIGTERM");
    const status = await process.status;
    const rest = await (async () => {
      let text = "";
      while (true) {
        const { done, value } = await lines.read();
        if (done) return text;
        text += value;
      }
    })();
    const stderr = await new Response(process.stderr).text();
    assert.equal(status.code, 0, `${seen.join("")}${rest}\n${stderr}`);
    assert.match(rest, /camkit: stopped/);
    assert.equal(stderr, "");
  }
});

Deno.test("deno serve web/main.ts with the same permissions hosts the app", async () => {
  const permissions = servePermissions();
  const process = new Deno.Command(Deno.execPath(), {
    args: [
      "serve",
      ...permissions,
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "web/main.ts",
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = process.stdout.pipeThrough(new TextDecoderStream());
  const stderr = process.stderr.pipeThrough(new TextDecoderStream());
  const seen: string[] = [];
  try {
    // deno serve announces its address on stderr.
    const [, port] = await waitFor(
      stderr.getReader(),
      /Listening on http:\/\/127\.0\.0\.1:(\d+)\//,
      seen,
    );
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await health(base)).model.state, "idle");
    await burst(base, 2);
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /data-island="Explainer"/);
    const traversal = await fetch(`${base}/static/..%2f..%2fdeno.json`);
    assert.equal(traversal.status, 404);
    await traversal.body?.cancel();
  } finally {
    process.kill("SIGTERM");
    await process.status;
    await output.cancel();
  }
});
