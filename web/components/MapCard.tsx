/// <reference lib="dom" />
/**
 * One picture of the results: the input image, or one method's heat map
 * over it, with its timing and a PNG download.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { ColormapName } from "../../core/colormap.ts";
import { overlay } from "../../core/overlay.ts";
import type { RgbaImage } from "../../core/types.ts";
import { METHOD_TITLES } from "../_methods.ts";

/** A computed map as the card shows it. */
export interface CardMap {
  /** Method name. */
  readonly method: string;
  /** Class name. */
  readonly label: string;
  /** Normalised map at the image's size. */
  readonly map: Float32Array;
  /** Where it peaks. */
  readonly peak: { x: number; y: number };
  /** Milliseconds. */
  readonly ms: number;
}

/** Props of {@linkcode MapCard}. */
export interface MapCardProps {
  /** Method name, or `"input"` for the image itself. */
  readonly method: string;
  /** The image (null before one is loaded). */
  readonly image: RgbaImage | null;
  /** This method's map, once computed. */
  readonly map: CardMap | null;
  /** Why the method does not apply, when it does not. */
  readonly skipped?: string;
  /** Overlay opacity. */
  readonly alpha: number;
  /** Colormap. */
  readonly colormap: ColormapName;
  /** File name stem for the download. */
  readonly stem: string;
  /** Whether the map shows what argues against the class. */
  readonly counterfactual?: boolean;
}

function paintCanvas(canvas: HTMLCanvasElement, image: RgbaImage): void {
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  if (context === null) return;
  const pixels = new ImageData(image.width, image.height);
  pixels.data.set(image.data);
  context.putImageData(pixels, 0, 0);
}

function download(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => {
    if (blob === null) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, "image/png");
}

/**
 * A figure with a canvas; paints whenever its inputs change (in the
 * browser; on the server it renders the placeholder).
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { MapCard } from "./MapCard.tsx";
 * const html = renderToString(
 *   <MapCard method="cam" image={null} map={null} alpha={0.5} colormap="jet" stem="x"
 *     skipped="CAM needs a linear head" />,
 * );
 * if (!html.includes("CAM needs a linear head")) throw new Error(html);
 * ```
 */
export function MapCard(props: MapCardProps): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { image, map, alpha, colormap } = props;
  const isInput = props.method === "input";
  useEffect(() => {
    if (canvas.current === null || image === null) return;
    if (isInput) paintCanvas(canvas.current, image);
    else if (map !== null && map.map.length === image.width * image.height) {
      paintCanvas(canvas.current, overlay(image, map.map, { alpha, colormap }));
    }
  }, [image, map, alpha, colormap, isInput]);
  const title = isInput ? "Input" : METHOD_TITLES[props.method] ?? props.method;
  const ready = image !== null && (isInput || map !== null);
  const against = props.counterfactual ? "against " : "";
  const description = isInput
    ? "The image being explained"
    : map
    ? `${title} heat map ${
      against || "for "
    }"${map.label}", hottest at x ${map.peak.x}, y ${map.peak.y}`
    : `${title} heat map, not computed yet`;
  return (
    <figure class="card" data-method={props.method} data-ready={ready}>
      <figcaption>
        <span class="title">{title}</span>
        {map && <span class="ms">{map.ms.toFixed(0)} ms</span>}
      </figcaption>
      <div class="frame">
        <canvas
          ref={canvas}
          role="img"
          aria-label={description}
          width={image?.width ?? 112}
          height={image?.height ?? 112}
          hidden={!ready}
        />
        {!ready && (
          <p class="placeholder">
            {props.skipped ??
              (isInput
                ? "Choose an image."
                : "The heat map appears here once the model has run.")}
          </p>
        )}
      </div>
      {map && (
        <div class="card-foot">
          <span class="label">{against}{map.label}</span>
          <button
            type="button"
            onClick={() =>
              canvas.current &&
              download(
                canvas.current,
                `${props.stem}.${props.method}.${
                  props.counterfactual ? "not-" : ""
                }${map.label}.overlay.png`,
              )}
            aria-label={`Download the ${title} overlay as PNG`}
          >
            Download PNG
          </button>
        </div>
      )}
    </figure>
  );
}
