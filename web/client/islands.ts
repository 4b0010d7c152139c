/**
 * The islands of the app by name: the server marks where each one is
 * rendered, and the browser entry hydrates it there (Fresh's convention:
 * one PascalCase component per file in `web/islands/`, default export).
 *
 * @module
 */
import Explainer from "../islands/Explainer.tsx";

/** Island components by name. */
export const ISLANDS = { Explainer } as const;

/** Name of an island. */
export type IslandName = keyof typeof ISLANDS;
