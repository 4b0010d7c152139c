/**
 * The folders the web server reads, for `--allow-read`: its static assets,
 * the demo model, and the two npm package folders whose WebAssembly files
 * load at run time (imagescript's image decoders, tfjs-backend-wasm's
 * binaries). Deno places npm packages in its cache, whose location depends
 * on the machine, so the serve task asks this script:
 *
 * ```sh
 * deno run --allow-net --allow-read="$(deno run web/read_paths.ts)" cli/main.ts serve
 * ```
 *
 * Run as a script, it prints them comma-separated; it needs no permissions.
 *
 * @module
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Absolute paths of the folders the server reads.
 *
 * @example
 * ```ts
 * import { serverReadPaths } from "./read_paths.ts";
 * const paths = serverReadPaths();
 * if (!paths.some((p) => p.endsWith("demo_model"))) throw new Error(paths.join());
 * ```
 */
export function serverReadPaths(): string[] {
  const file = (url: string) => fileURLToPath(url).replace(/[/\\]+$/, "");
  return [
    file(new URL("./static/", import.meta.url).href),
    file(new URL("../backends/demo_model/", import.meta.url).href),
    dirname(file(import.meta.resolve(
      "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
    ))),
    dirname(file(import.meta.resolve("imagescript/wasm/any/png.wasm"))),
  ];
}

if (import.meta.main) {
  console.log(serverReadPaths().join(","));
}
