/// <reference lib="dom" />
/**
 * Choosing the model: the built-in demo model, or a TF.js model from a URL
 * or from local files, and the input scaling it expects.
 *
 * @module
 */
import type { JSX } from "preact";
import {
  PREPROCESS_NAMES,
  type PreprocessName,
} from "../../core/preprocess.ts";
import type { BackendChoice } from "../../backends/backend_names.ts";
import type { PageModel } from "../client/models.ts";

/**
 * One line about a loaded model: name, format, classes, input, layer.
 *
 * @example
 * ```ts ignore
 * import { describeModel } from "./ModelPicker.tsx";
 * console.log(describeModel(loaded)); // "Loaded demo/model.json: layers model, 6 classes, …"
 * ```
 */
export function describeModel(m: PageModel): string {
  const [h, w] = m.model.inputShape;
  const name = m.name.split("/").slice(-2).join("/");
  return `Loaded ${name}: ${m.format} model, ${m.model.numClasses} classes, ` +
    `input ${w}×${h}, target layer ${
      m.settings.layer ?? m.model.defaultLayer
    }.`;
}

/** Where the model comes from. */
export type ModelChoice = "demo" | "url" | "files";

/** Props of {@linkcode ModelPicker}. */
export interface ModelPickerProps {
  /** The current choice. */
  readonly choice: ModelChoice;
  /** The URL typed so far. */
  readonly url: string;
  /** Input scaling. */
  readonly preprocess: PreprocessName;
  /** The backend asked for. */
  readonly backend: BackendChoice;
  /** What is loaded, in words. */
  readonly summary: string;
  /** Whether a model is being loaded. */
  readonly busy: boolean;
  /** The choice changed. */
  readonly onChoice: (choice: ModelChoice) => void;
  /** The URL field changed. */
  readonly onUrl: (url: string) => void;
  /** Load the model at the URL. */
  readonly onLoadUrl: () => void;
  /** Model files were chosen. */
  readonly onFiles: (files: File[]) => void;
  /** The input scaling changed. */
  readonly onPreprocess: (name: PreprocessName) => void;
  /** Another backend was asked for. */
  readonly onBackend: (choice: BackendChoice) => void;
}

const SCALING: Record<PreprocessName, string> = {
  unit: "[0, 1] (x / 255)",
  symmetric: "[−1, 1] (x / 127.5 − 1)",
  imagenet: "ImageNet mean / std",
  caffe: "Caffe (BGR − means)",
  raw: "0–255 as is",
};

const BACKENDS: Record<BackendChoice, string> = {
  auto: "Auto (WebGPU, else WASM)",
  webgpu: "WebGPU",
  wasm: "WebAssembly (SIMD when available)",
  cpu: "CPU (plain JavaScript, slow)",
};

/**
 * The model fieldset (needs JavaScript: the maths runs in the browser).
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { ModelPicker } from "./ModelPicker.tsx";
 * const html = renderToString(
 *   <ModelPicker
 *     choice="url" url="" preprocess="unit" backend="auto" summary="" busy={false}
 *     onChoice={() => {}} onUrl={() => {}} onLoadUrl={() => {}}
 *     onFiles={() => {}} onPreprocess={() => {}} onBackend={() => {}}
 *   />,
 * );
 * if (!html.includes('<label for="model-url">')) throw new Error(html);
 * ```
 */
export function ModelPicker(props: ModelPickerProps): JSX.Element {
  const radio = (value: ModelChoice, text: string) => (
    <label class="choice">
      <input
        type="radio"
        name="model-source"
        value={value}
        checked={props.choice === value}
        onChange={() => props.onChoice(value)}
      />{" "}
      {text}
    </label>
  );
  return (
    <fieldset class="model needs-js" aria-busy={props.busy}>
      <legend>Model</legend>
      {radio("demo", "Built-in demo model (six shapes)")}
      {radio("url", "TF.js model from a URL")}
      {props.choice === "url" && (
        <div class="row">
          <label for="model-url">model.json URL</label>
          <input
            id="model-url"
            type="url"
            placeholder="https://example.com/model/model.json"
            value={props.url}
            onInput={(event) => props.onUrl(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                props.onLoadUrl();
              }
            }}
          />
          <button
            type="button"
            onClick={props.onLoadUrl}
            disabled={props.busy || props.url.trim() === ""}
          >
            Load
          </button>
        </div>
      )}
      {radio("files", "TF.js model from files")}
      {props.choice === "files" && (
        <div class="row">
          <label for="model-files">model.json with its .bin shards</label>
          <input
            id="model-files"
            type="file"
            multiple
            accept=".json,.bin,application/json,application/octet-stream"
            onChange={(event) =>
              props.onFiles([...event.currentTarget.files ?? []])}
          />
        </div>
      )}
      <div class="row">
        <label for="preprocess">Input scaling</label>
        <select
          id="preprocess"
          value={props.preprocess}
          onChange={(event) =>
            props.onPreprocess(event.currentTarget.value as PreprocessName)}
        >
          {PREPROCESS_NAMES.map((name) => (
            <option value={name} key={name}>{SCALING[name]}</option>
          ))}
        </select>
      </div>
      <div class="row">
        <label for="backend">Backend</label>
        <select
          id="backend"
          value={props.backend}
          onChange={(event) =>
            props.onBackend(event.currentTarget.value as BackendChoice)}
        >
          {(Object.keys(BACKENDS) as BackendChoice[]).map((name) => (
            <option value={name} key={name}>{BACKENDS[name]}</option>
          ))}
        </select>
      </div>
      <p class="note">
        {props.summary}{" "}
        Models and images are read by your browser; nothing is uploaded.
      </p>
    </fieldset>
  );
}
