/**
 * The web app as a default-exported `{ fetch }` object, the shape
 * `deno serve` and edge runtimes host:
 *
 * ```sh
 * deno serve --allow-net --allow-read="$(deno run web/read_paths.ts)" web/main.ts
 * ```
 *
 * @example
 * ```ts
 * import server from "./main.ts";
 * const response = await server.fetch(new Request("http://localhost/api/health"));
 * if (response.status !== 200) throw new Error(String(response.status));
 * ```
 *
 * @module
 */
import { handler } from "./handler.ts";

export default { fetch: handler } satisfies Deno.ServeDefaultExport;
