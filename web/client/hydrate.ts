/// <reference lib="dom" />
/**
 * The browser entry (bundled to `web/static/build/hydrate.js`): hydrates each
 * island the server rendered, with the props it serialised beside it.
 *
 * @module
 */
import { h, hydrate } from "preact";
import { type IslandName, ISLANDS } from "./islands.ts";

for (const element of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const name = element.dataset.island as IslandName;
  const component = ISLANDS[name];
  if (component === undefined) {
    console.error(`Unknown island "${name}": add it to web/client/islands.ts`);
    continue;
  }
  const props = JSON.parse(element.dataset.islandProps ?? "{}");
  hydrate(h(component, props), element);
}
