/// <reference lib="dom" />
/**
 * How the maps are shown: overlay opacity, colormap, counterfactual.
 *
 * @module
 */
import type { JSX } from "preact";
import { COLORMAP_NAMES, type ColormapName } from "../../core/colormap.ts";

/** Props of {@linkcode ViewControls}. */
export interface ViewControlsProps {
  /** Overlay opacity in [0, 1]. */
  readonly alpha: number;
  /** Colormap. */
  readonly colormap: ColormapName;
  /** Whether the maps show what argues against the class. */
  readonly counterfactual: boolean;
  /** Opacity changed. */
  readonly onAlpha: (alpha: number) => void;
  /** Colormap changed. */
  readonly onColormap: (name: ColormapName) => void;
  /** Counterfactual toggled. */
  readonly onCounterfactual: (on: boolean) => void;
}

/**
 * The view fieldset. `alpha`, `colormap` and `counterfactual` are named as
 * `/api/explain`'s fields, so the no-JavaScript form sends them too.
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { ViewControls } from "./ViewControls.tsx";
 * const html = renderToString(
 *   <ViewControls
 *     alpha={0.5} colormap="turbo" counterfactual={false}
 *     onAlpha={() => {}} onColormap={() => {}} onCounterfactual={() => {}}
 *   />,
 * );
 * if (!html.includes('<option selected value="turbo">')) throw new Error(html);
 * ```
 */
export function ViewControls(props: ViewControlsProps): JSX.Element {
  return (
    <fieldset class="view">
      <legend>View</legend>
      <div class="row">
        <label for="alpha">Heat map opacity</label>
        <input
          id="alpha"
          name="alpha"
          type="range"
          min="0"
          max="1"
          step="0.05"
          value={props.alpha}
          aria-valuetext={`${Math.round(props.alpha * 100)}%`}
          onInput={(event) => props.onAlpha(Number(event.currentTarget.value))}
        />
        <output for="alpha">{Math.round(props.alpha * 100)}%</output>
      </div>
      <div class="row">
        <label for="colormap">Colormap</label>
        <select
          id="colormap"
          name="colormap"
          value={props.colormap}
          onChange={(event) =>
            props.onColormap(event.currentTarget.value as ColormapName)}
        >
          {COLORMAP_NAMES.map((name) => (
            <option value={name} key={name}>{name}</option>
          ))}
        </select>
      </div>
      <div class="row check">
        <input
          id="counterfactual"
          name="counterfactual"
          value="true"
          type="checkbox"
          checked={props.counterfactual}
          onChange={(event) =>
            props.onCounterfactual(event.currentTarget.checked)}
        />
        <label for="counterfactual">
          Counterfactual: show what argues <em>against</em> the class
        </label>
      </div>
    </fieldset>
  );
}
