/// <reference lib="dom" />
/**
 * The top-5 classes with their scores; choosing one explains it.
 *
 * @module
 */
import type { JSX } from "preact";

/** One prediction as the list shows it. */
export interface PredictionItem {
  /** Class index. */
  readonly index: number;
  /** Class name. */
  readonly label: string;
  /** Softmax probability. */
  readonly probability: number;
}

/** Props of {@linkcode Predictions}. */
export interface PredictionsProps {
  /** Best first. */
  readonly items: readonly PredictionItem[];
  /** The class the maps explain. */
  readonly explained: number | undefined;
  /** A class was chosen. */
  readonly onChoose: (index: number) => void;
  /** Whether a computation runs (buttons wait). */
  readonly busy: boolean;
}

/**
 * A list of buttons, one per class, the explained one pressed.
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { Predictions } from "./Predictions.tsx";
 * const html = renderToString(
 *   <Predictions
 *     items={[{ index: 3, label: "star", probability: 0.9 }]}
 *     explained={3} busy={false} onChoose={() => {}}
 *   />,
 * );
 * if (!html.includes('aria-pressed="true"') || !html.includes("90.0%")) throw new Error(html);
 * ```
 */
export function Predictions(props: PredictionsProps): JSX.Element {
  return (
    <section class="predictions" aria-labelledby="predictions-title">
      <h2 id="predictions-title">Top classes</h2>
      {props.items.length === 0
        ? <p class="note">Predictions appear here after the model has run.</p>
        : (
          <ol>
            {props.items.map((p) => {
              const percent = (p.probability * 100).toFixed(1);
              return (
                <li key={p.index}>
                  <button
                    type="button"
                    aria-pressed={props.explained === p.index}
                    disabled={props.busy}
                    onClick={() => props.onChoose(p.index)}
                    title={`Explain "${p.label}"`}
                  >
                    <span class="name">{p.label}</span>
                    <span class="score">{percent}%</span>
                    <span
                      class="bar"
                      style={{ width: `${percent}%` }}
                      aria-hidden="true"
                    />
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      <p class="note">Choose a class to explain it.</p>
    </section>
  );
}
