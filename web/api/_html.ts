/**
 * HTML answers of `POST /api/explain` for browsers that post the page's form
 * without JavaScript (their `Accept` names `text/html`): the predictions and
 * the overlays as a plain page, or the error in words. Scripts and `fetch`
 * (`Accept: *\/*`) get JSON.
 *
 * @module
 */
import type { ExplainAnswer } from "./_answer.ts";
import { METHOD_TITLES } from "../_methods.ts";

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Whether the client is a browser navigating (it asks for `text/html`).
 *
 * @example
 * ```ts
 * import { wantsHtml } from "./_html.ts";
 * const browser = new Request("http://localhost/", { headers: { accept: "text/html,*\/*;q=0.8" } });
 * if (!wantsHtml(browser) || wantsHtml(new Request("http://localhost/"))) throw new Error();
 * ```
 */
export function wantsHtml(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./_html.ts";
 * if (escapeHtml(`<a href="x">&'`) !== "&lt;a href=&quot;x&quot;&gt;&amp;&#39;") throw new Error();
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title>` +
    `<link rel="stylesheet" href="/static/style.css"></head>` +
    `<body><main id="main">${body}` +
    `<p><a href="/">Explain another image</a></p></main></body></html>`;
}

/**
 * The answer as a page: top predictions, then one figure per map.
 *
 * @example
 * ```ts
 * import { resultPage } from "./_html.ts";
 * const html = resultPage({
 *   backend: "wasm", width: 1, height: 1, skipped: [],
 *   model: { name: "demo", inputShape: [1, 1, 3], layer: "conv", score: "logit", labels: null },
 *   predictions: [{ index: 0, label: "<star>", score: 0.5, logit: 0 }],
 *   explanations: [],
 * });
 * if (!html.includes("&lt;star&gt; 50.0%")) throw new Error(html);
 * ```
 */
export function resultPage(answer: ExplainAnswer): string {
  const predictions = answer.predictions.map((p) =>
    `<li>${escapeHtml(p.label)} ${(p.score * 100).toFixed(1)}%</li>`
  ).join("");
  const figures = answer.explanations.map((e) => {
    const method = METHOD_TITLES[e.method] ?? e.method;
    const against = e.counterfactual ? " (counterfactual)" : "";
    return `<figure><img src="${e.overlay}" width="${answer.width}" ` +
      `height="${answer.height}" alt="${
        escapeHtml(`${method} heat map for ${e.label}${against}`)
      }"><figcaption>${escapeHtml(method)} · ${escapeHtml(e.label)}${against}` +
      ` · peak (${e.peak.x}, ${e.peak.y}) · ${e.ms} ms</figcaption></figure>`;
  }).join("");
  const skipped = answer.skipped.map((s) =>
    `<p>${escapeHtml(s.method)} skipped: ${escapeHtml(s.reason)}</p>`
  ).join("");
  return page(
    "camkit: explanation",
    `<h1>Explanation</h1><p>${answer.width}×${answer.height} image, ` +
      `${escapeHtml(answer.model.name)} model, layer ` +
      `${escapeHtml(answer.model.layer)}, computed on the server ` +
      `(${escapeHtml(answer.backend)}).</p><h2>Top classes</h2>` +
      `<ol>${predictions}</ol><h2>Heat maps</h2>` +
      `<div class="maps">${figures}</div>${skipped}`,
  );
}

/**
 * An error as a page (the same status as the JSON answer would have).
 *
 * @example
 * ```ts
 * import { errorPage } from "./_html.ts";
 * if (!errorPage("Alpha <2> is out of range").includes("Alpha &lt;2&gt;")) throw new Error();
 * ```
 */
export function errorPage(message: string): string {
  return page(
    "camkit: cannot explain this",
    `<h1>Cannot explain this</h1><p role="alert">${escapeHtml(message)}</p>`,
  );
}
