/// <reference lib="dom" />
/**
 * The results panel: which backend ran, the status line, the input and the
 * three maps side by side, and the top-5 classes.
 *
 * @module
 */
import type { JSX } from "preact";
import type { ColormapName } from "../../core/colormap.ts";
import type { RgbaImage } from "../../core/types.ts";
import type { PageResult } from "../client/compute.ts";
import { MapCard } from "./MapCard.tsx";
import { Predictions } from "./Predictions.tsx";
import { PAGE_METHODS } from "../_methods.ts";

/** An explanation as shown, with the image and settings it was made for. */
export interface ShownResult extends PageResult {
  /** The image explained. */
  readonly image: RgbaImage;
  /** Its file name. */
  readonly name: string;
  /** Whether the maps are counterfactual. */
  readonly counterfactual: boolean;
}

/** Props of {@linkcode Results}. */
export interface ResultsProps {
  /** The backend in words, once started. */
  readonly backend: string | null;
  /** Progress, for the live region. */
  readonly status: string;
  /** The last error, if any. */
  readonly error: string | null;
  /** The image chosen (maybe not explained yet). */
  readonly input: RgbaImage | null;
  /** The last explanation. */
  readonly shown: ShownResult | null;
  /** Overlay opacity. */
  readonly alpha: number;
  /** Colormap. */
  readonly colormap: ColormapName;
  /** Whether something is computing. */
  readonly busy: boolean;
  /** A class was chosen in the top-5 list. */
  readonly onChoose: (index: number) => void;
}

/**
 * The right-hand side of the page (below the controls on a phone).
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { Results } from "./Results.tsx";
 * const html = renderToString(
 *   <Results backend="WASM SIMD" status="Ready." error={null} input={null} shown={null}
 *     alpha={0.5} colormap="jet" busy={false} onChoose={() => {}} />,
 * );
 * if (!html.includes("<strong>WASM SIMD</strong>")) throw new Error(html);
 * ```
 */
export function Results(props: ResultsProps): JSX.Element {
  const { shown, alpha, colormap } = props;
  const stem = (shown?.name ?? "image").replace(/\.[^.]*$/, "");
  return (
    <div class="results">
      <p class="backend">
        Backend: <strong>{props.backend ?? "not started"}</strong>
      </p>
      <p class="status" role="status" aria-live="polite">{props.status}</p>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <div class="cards">
        <MapCard
          method="input"
          image={props.input}
          map={null}
          alpha={alpha}
          colormap={colormap}
          stem={stem}
        />
        {PAGE_METHODS.map((method) => (
          <MapCard
            key={method}
            method={method}
            image={shown?.image ?? null}
            map={shown?.maps.find((m) => m.method === method) ?? null}
            skipped={shown?.skipped.find((s) => s.method === method)?.reason}
            alpha={alpha}
            colormap={colormap}
            stem={stem}
            counterfactual={shown?.counterfactual}
          />
        ))}
      </div>
      <Predictions
        items={shown?.predictions ?? []}
        explained={shown?.maps[0]?.classIndex}
        busy={props.busy}
        onChoose={props.onChoose}
      />
    </div>
  );
}
