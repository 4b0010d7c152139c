/**
 * The HTML document around a page: head, header, main, footer, the
 * stylesheet and the islands' module script.
 *
 * @module
 */
import type { ComponentChildren, JSX } from "preact";

/** Props of {@linkcode Page}. */
export interface PageProps {
  /** Document title. */
  readonly title: string;
  /** Version appended to asset URLs (cache busting). */
  readonly version: string;
  /** Module script hydrating the islands. */
  readonly script: string;
  /** The main content. */
  readonly children: ComponentChildren;
}

/**
 * A whole document. The inline script marks `<html class="js">` before the
 * first paint so controls that need JavaScript are hidden without it.
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { Page } from "./Page.tsx";
 * const html = renderToString(
 *   <Page title="t" version="1" script="/static/build/hydrate.js"><p>hi</p></Page>,
 * );
 * if (!html.includes('<main id="main"><p>hi</p></main>')) throw new Error(html);
 * ```
 */
export function Page(props: PageProps): JSX.Element {
  const v = `?v=${props.version}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta
          name="description"
          content="Class activation maps (CAM, Grad-CAM, Grad-CAM++) for TensorFlow.js image classifiers, computed in your browser."
        />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={`/static/style.css${v}`} />
        <link rel="modulepreload" href={`${props.script}${v}`} />
        <script
          dangerouslySetInnerHTML={{
            __html: 'document.documentElement.classList.add("js")',
          }}
        />
      </head>
      <body>
        <a class="skip" href="#main">Skip to the explainer</a>
        <header>
          <h1>camkit</h1>
          <p>
            Which pixels made the model say{" "}
            <em>this class</em>? Class activation maps with CAM, Grad-CAM and
            Grad-CAM++, computed in your browser: images and models never leave
            your machine.
          </p>
        </header>
        <main id="main">{props.children}</main>
        <footer>
          <p>
            The same <code>core/</code> and <code>backends/</code> code as the
            {" "}
            <code>cam</code>{" "}
            command, on WebGPU when your browser offers a GPU adapter, else
            WebAssembly SIMD. Scripts can POST images to{" "}
            <code>/api/explain</code>.
          </p>
        </footer>
        <script type="module" src={`${props.script}${v}`} />
      </body>
    </html>
  );
}
