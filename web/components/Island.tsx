/**
 * Server side of an island: renders the component in place and marks it
 * (`data-island`, with its props as JSON in `data-island-props`) for the
 * browser entry to hydrate.
 *
 * @module
 */
import { type ComponentProps, type ComponentType, h, type JSX } from "preact";
import { type IslandName, ISLANDS } from "../client/islands.ts";

/** Props of {@linkcode Island}. */
export interface IslandProps<N extends IslandName> {
  /** Which island. */
  readonly name: N;
  /** Its props; they must survive JSON (no functions, no typed arrays). */
  readonly props: ComponentProps<typeof ISLANDS[N]>;
}

/**
 * An island, rendered now and hydrated in the browser.
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { Island } from "./Island.tsx";
 * const html = renderToString(
 *   <Island
 *     name="Explainer"
 *     props={{ samples: [], demoModelUrl: "/m.json", wasmPath: "/w/", apiUrl: "/api/explain" }}
 *   />,
 * );
 * if (!html.includes('data-island="Explainer"')) throw new Error(html);
 * ```
 */
export function Island<N extends IslandName>(
  { name, props }: IslandProps<N>,
): JSX.Element {
  const component = ISLANDS[name] as unknown as ComponentType<
    Record<string, unknown>
  >;
  return (
    <div
      class="island"
      data-island={name}
      data-island-props={JSON.stringify(props)}
    >
      {h(component, props as Record<string, unknown>)}
    </div>
  );
}
