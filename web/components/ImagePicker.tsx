/// <reference lib="dom" />
/**
 * Choosing the image: a sample, a file (button, drag and drop, or paste).
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { JSX } from "preact";

/** A sample image the server offers. */
export interface SampleImage {
  /** Short id, also the file stem. */
  readonly id: string;
  /** URL of the image. */
  readonly url: string;
  /** What the picture shows. */
  readonly title: string;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** Props of {@linkcode ImagePicker}. */
export interface ImagePickerProps {
  /** Samples to offer. */
  readonly samples: readonly SampleImage[];
  /** The chosen sample, or null for a file of the visitor's. */
  readonly selected: string | null;
  /** Name of the visitor's file, when one is chosen. */
  readonly fileName: string | null;
  /** A sample was chosen. */
  readonly onSample: (id: string) => void;
  /** A file was chosen, dropped or pasted. */
  readonly onFile: (file: File) => void;
}

/**
 * The image fieldset. The file input is named `image`, so without
 * JavaScript the surrounding form posts it to `/api/explain`.
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { ImagePicker } from "./ImagePicker.tsx";
 * const html = renderToString(
 *   <ImagePicker
 *     samples={[{ id: "star", url: "/s/star.png", title: "Star", width: 8, height: 8 }]}
 *     selected="star"
 *     fileName={null}
 *     onSample={() => {}}
 *     onFile={() => {}}
 *   />,
 * );
 * if (!html.includes('name="image"') || !html.includes("checked")) throw new Error(html);
 * ```
 */
export function ImagePicker(props: ImagePickerProps): JSX.Element {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) props.onFile(file);
  };
  return (
    <fieldset class="picker">
      <legend>Image</legend>
      <div class="samples needs-js">
        {props.samples.map((s) => (
          <label class="sample" key={s.id}>
            <input
              type="radio"
              name="sample"
              value={s.id}
              checked={props.selected === s.id}
              onChange={() => props.onSample(s.id)}
            />
            <img src={s.url} alt="" width={s.width} height={s.height} />
            <span>{s.title}</span>
          </label>
        ))}
      </div>
      <div
        class={dragging ? "drop dragging" : "drop"}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label for="image-file">Your own image</label>
        <input
          id="image-file"
          type="file"
          name="image"
          accept="image/*"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) props.onFile(file);
          }}
        />
        <p class="hint">
          {props.fileName ? `Showing ${props.fileName}. ` : ""}
          <span class="needs-js">
            Or drop an image here, or paste one (Ctrl+V / ⌘V). It stays in your
            browser.
          </span>
        </p>
      </div>
    </fieldset>
  );
}
