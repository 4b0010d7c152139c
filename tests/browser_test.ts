/**
 * The page in a real browser (Debian's Chromium, headless, no GPU: the WASM
 * path): choose samples, a dropped and an uploaded image, a model from files
 * and from a URL; check the canvases, the in-browser maps against
 * `/api/explain`, the class buttons, keyboard use, labels and a phone-sized
 * layout (see `fixtures/browser_checks.ts`). Screenshots go to
 * `tests/output/`. Ignored when Chromium is absent.
 *
 * @module
 */
import assert from "node:assert/strict";
import { browserMissing, serveApp } from "./fixtures/browser.ts";

const missing = browserMissing();

Deno.test({
  name: missing
    ? `page in Chromium (ignored: ${missing})`
    : "page explains samples, dropped and uploaded images in Chromium like /api/explain",
  ignore: missing !== undefined,
  async fn() {
    const server = serveApp();
    try {
      // Not runProcess(): its XDG_RUNTIME_DIR, <cwd>/xdg, would have Chromium
      // create xdg/dconf in the repository.
      const run = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--check",
          "--allow-all",
          new URL("./fixtures/browser_checks.ts", import.meta.url).pathname,
          server.url,
        ],
        env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder();
      console.log(text.decode(run.stdout).trimEnd());
      assert.equal(
        run.code,
        0,
        `${text.decode(run.stdout)}\n${text.decode(run.stderr)}`,
      );
    } finally {
      await server.close();
    }
  },
});
