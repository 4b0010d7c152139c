/**
 * `cam serve`: the web app (page, API, static files) on `Deno.serve`.
 * Checks its read permissions and loads the server-side model before it
 * listens, so a misconfiguration is one clear line at start, not a 500 on
 * the first request. Ctrl-C (SIGINT) or SIGTERM stops it cleanly.
 *
 * @module
 */
import type { CliArgs } from "./args.ts";
import { UsageError } from "./errors.ts";
import { serverReadPaths } from "../web/read_paths.ts";
import { assetsEmbedded } from "../backends/assets.ts";

function url(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
}

async function checkReadAccess(): Promise<void> {
  const paths = serverReadPaths();
  for (const path of paths) {
    const { state } = await Deno.permissions.query({ name: "read", path });
    if (state !== "granted") {
      throw new Error(
        `cam serve needs read access to "${path}": start it with \`deno task serve\`, ` +
          `or pass --allow-read=${paths.join(",")}`,
      );
    }
  }
}

function onSignals(stop: () => void): () => void {
  const signals: Deno.Signal[] = Deno.build.os === "windows"
    ? ["SIGINT"]
    : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, stop);
  return () => {
    for (const signal of signals) Deno.removeSignalListener(signal, stop);
  };
}

/** Runs `cam serve` until a signal stops it; returns the exit code. */
export async function serveCommand(args: CliArgs): Promise<number> {
  if (args.inputs.length > 0 || args.model !== undefined) {
    throw new UsageError(
      "cam serve takes no images and no --model: the API explains with the " +
        "built-in demo model, and the page loads other models in the browser",
    );
  }
  if (assetsEmbedded()) {
    throw new UsageError(
      "cam serve runs from the source tree (deno task serve): the single-file " +
        "build and the binary carry the CLI, not the web page's files",
    );
  }
  await checkReadAccess();
  const { createApp } = await import("../web/handler.ts");
  const app = createApp({
    backend: args.backend === "auto" ? "wasm" : args.backend,
  });
  try {
    await app.warm();
  } catch (error) {
    throw new Error(
      `Cannot start the server-side model: ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
  const controller = new AbortController();
  const removeSignals = onSignals(() => controller.abort());
  let server: Deno.HttpServer;
  try {
    server = Deno.serve({
      hostname: args.host,
      port: args.port,
      signal: controller.signal,
      onListen: ({ port }) => {
        console.log(
          `camkit: serving ${url(args.host, port)} (page /, API POST ` +
            `/api/explain, GET /api/health); Ctrl-C stops`,
        );
      },
    }, app.fetch);
  } catch (error) {
    removeSignals();
    await app.close();
    if (error instanceof Deno.errors.AddrInUse) {
      throw new Error(
        `Cannot listen on ${args.host}:${args.port}: the port is in use; pass --port with another`,
      );
    }
    throw new Error(
      `Cannot listen on ${args.host}:${args.port}: ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
  await server.finished;
  removeSignals();
  await app.close();
  console.log("camkit: stopped");
  return 0;
}
