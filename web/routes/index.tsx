/**
 * `GET /`: the explainer page, rendered on the server with Preact (usable
 * before JavaScript loads: a form posting to `/api/explain`), then hydrated
 * in the browser, where the maths runs.
 *
 * @module
 */
import { renderToString } from "preact-render-to-string";
import { Page } from "../components/Page.tsx";
import { Island } from "../components/Island.tsx";
import type { SampleImage } from "../components/ImagePicker.tsx";
import samples from "../static/samples/samples.json" with { type: "json" };
import manifest from "../static/build/manifest.json" with { type: "json" };

/** The sample images the page offers, first one explained on load. */
export const PAGE_SAMPLES: readonly SampleImage[] = samples.map((s) => ({
  id: s.id,
  url: `/static/samples/${s.file}`,
  title: s.title,
  width: s.width,
  height: s.height,
}));

/**
 * Renders the page as a complete HTML response.
 *
 * @example
 * ```ts
 * import { renderPage } from "./index.tsx";
 * const response = await renderPage(new Request("http://localhost/"));
 * const html = await response.text();
 * if (!html.includes('data-island="Explainer"')) throw new Error(html);
 * ```
 */
export function renderPage(_request: Request): Promise<Response> {
  const html = renderToString(
    <Page
      title="camkit: class activation maps in your browser"
      version={manifest.version}
      script={`/static/build/${manifest.entry}`}
    >
      <Island
        name="Explainer"
        props={{
          samples: PAGE_SAMPLES,
          demoModelUrl: "/models/demo/model.json",
          wasmPath: "/static/wasm/",
          apiUrl: "/api/explain",
        }}
      />
    </Page>,
  );
  return Promise.resolve(
    new Response(`<!DOCTYPE html>${html}`, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-cache",
      },
    }),
  );
}
