/// <reference lib="dom" />
/**
 * The Explainer island: choose an image and a model, and see CAM, Grad-CAM
 * and Grad-CAM++ side by side, computed in the browser. Server-rendered as a
 * plain form that posts to `/api/explain` (the no-JavaScript fallback), then
 * hydrated; TF.js and the model load lazily after hydration.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ColormapName } from "../../core/colormap.ts";
import type { PreprocessName } from "../../core/preprocess.ts";
import type { BackendChoice } from "../../backends/backend_names.ts";
import type { RgbaImage } from "../../core/types.ts";
import type { PageModel } from "../client/compute.ts";
import { ImagePicker, type SampleImage } from "../components/ImagePicker.tsx";
import {
  describeModel,
  type ModelChoice,
  ModelPicker,
} from "../components/ModelPicker.tsx";
import { ViewControls } from "../components/ViewControls.tsx";
import { Results, type ShownResult } from "../components/Results.tsx";
import { PAGE_METHODS } from "../_methods.ts";

export type { SampleImage };

/** Props of the island (serialisable: they travel as JSON). */
export interface ExplainerProps {
  /** Sample images; the first is explained on load. */
  readonly samples: readonly SampleImage[];
  /** URL of the demo model's model.json. */
  readonly demoModelUrl: string;
  /** URL folder of tfjs-backend-wasm's `.wasm` files. */
  readonly wasmPath: string;
  /** Where the no-JavaScript form posts. */
  readonly apiUrl: string;
}

type Compute = typeof import("../client/compute.ts");
type Phase = "waiting" | "loading" | "running" | "done" | "error";

interface Input {
  readonly image: RgbaImage;
  readonly name: string;
}

/**
 * The page's interactive part.
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import Explainer from "./Explainer.tsx";
 * const html = renderToString(
 *   <Explainer samples={[]} demoModelUrl="/m/model.json" wasmPath="/w/" apiUrl="/api/explain" />,
 * );
 * if (!html.includes('action="/api/explain"')) throw new Error(html);
 * ```
 */
export default function Explainer(props: ExplainerProps): JSX.Element {
  const compute = useRef<Compute | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const generation = useRef(0);
  const modelRef = useRef<PageModel | null>(null);
  const [phase, setPhase] = useState<Phase>("waiting");
  const [status, setStatus] = useState(
    "The explanations run in your browser once JavaScript has loaded.",
  );
  const [error, setError] = useState<string | null>(null);
  const [backend, setBackend] = useState<string | null>(null);
  const [backendChoice, setBackendChoice] = useState<BackendChoice>("auto");
  const [choice, setChoice] = useState<ModelChoice>("demo");
  const [modelUrl, setModelUrl] = useState("");
  const [model, setModel] = useState<PageModel | null>(null);
  const [modelBusy, setModelBusy] = useState(false);
  const [sample, setSample] = useState<string | null>(
    props.samples[0]?.id ?? null,
  );
  const [input, setInput] = useState<Input | null>(null);
  const [classIndex, setClassIndex] = useState<number | undefined>();
  const [counterfactual, setCounterfactual] = useState(false);
  const [preprocess, setPreprocess] = useState<PreprocessName>("unit");
  const [alpha, setAlpha] = useState(0.5);
  const [colormap, setColormap] = useState<ColormapName>("jet");
  const [rerun, setRerun] = useState(0);
  const [shown, setShown] = useState<ShownResult | null>(null);

  const fail = (e: unknown) => {
    setError(e instanceof Error ? e.message : String(e));
    setPhase("error");
  };

  const loadModel = async (load: (c: Compute) => Promise<PageModel>) => {
    const c = compute.current;
    if (c === null) return;
    setModelBusy(true);
    setError(null);
    setPhase("loading");
    setStatus("Loading the model…");
    try {
      const loaded = await load(c);
      const old = modelRef.current;
      modelRef.current = loaded;
      if (old) queue.current = queue.current.then(() => old.model.dispose());
      setModel(loaded);
      setPreprocess(loaded.settings.preprocess ?? "unit");
      setClassIndex(undefined);
      setStatus(describeModel(loaded));
    } catch (e) {
      fail(e);
    } finally {
      setModelBusy(false);
    }
  };

  const loadDemo = () =>
    loadModel((c) =>
      c.loadModelFromUrl(new URL(props.demoModelUrl, location.href).href)
    );

  const takeImage = async (
    read: (c: Compute) => Promise<RgbaImage>,
    name: string,
  ) => {
    const c = compute.current;
    if (c === null) return;
    setError(null);
    try {
      const image = await read(c);
      setInput({ image, name });
      setClassIndex(undefined);
    } catch (e) {
      fail(e);
    }
  };

  const switchBackend = (choice: BackendChoice) => {
    const c = compute.current;
    if (c === null) return;
    const previous = backendChoice;
    setBackendChoice(choice);
    queue.current = queue.current.then(async () => {
      setPhase("loading");
      setStatus(`Starting the ${choice} backend…`);
      try {
        const started = await c.startBackend({
          wasmPath: props.wasmPath,
          choice,
        });
        setBackend(started.label);
        setError(null);
        setRerun((n) => n + 1);
      } catch (e) {
        fail(e);
        setBackendChoice(previous);
        // Keep the engine on a backend that runs.
        await c.startBackend({ wasmPath: props.wasmPath, choice: previous });
      }
    });
  };

  const chooseSample = (id: string) => {
    const s = props.samples.find((x) => x.id === id);
    if (s === undefined) return;
    setSample(id);
    takeImage((c) => c.decodeUrl(s.url), s.url.split("/").pop() ?? id);
  };

  const chooseFile = (file: File) => {
    setSample(null);
    takeImage((c) => c.decodeBlob(file, { name: `"${file.name}"` }), file.name);
  };

  useEffect(() => {
    document.documentElement.classList.add("js");
    (async () => {
      setPhase("loading");
      setStatus("Loading TensorFlow.js…");
      const c = await import("../client/compute.ts");
      compute.current = c;
      const started = await c.startBackend({ wasmPath: props.wasmPath });
      setBackend(started.label);
      await loadDemo();
      if (props.samples[0]) chooseSample(props.samples[0].id);
    })().catch(fail);
    const onPaste = (event: ClipboardEvent) => {
      const file = [...event.clipboardData?.files ?? []].find((f) =>
        f.type.startsWith("image/")
      );
      if (file) {
        event.preventDefault();
        chooseFile(file);
      }
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, []);

  useEffect(() => {
    const c = compute.current;
    if (c === null || model === null || input === null) return;
    const token = ++generation.current;
    queue.current = queue.current.then(async () => {
      if (token !== generation.current) return;
      setPhase("running");
      setStatus(`Explaining ${input.name}…`);
      try {
        const result = await c.explainImage(model, input.image, {
          classIndex,
          counterfactual,
          preprocess,
        });
        if (token !== generation.current) return;
        setShown({
          ...result,
          image: input.image,
          name: input.name,
          counterfactual,
        });
        setPhase("done");
        setError(null);
        setStatus(
          `Explained ${input.name}: ${result.maps.length} maps in ${
            result.totalMs.toFixed(0)
          } ms.`,
        );
      } catch (e) {
        if (token === generation.current) fail(e);
      }
    });
  }, [model, input, classIndex, counterfactual, preprocess, rerun]);

  const busy = phase === "loading" || phase === "running";
  return (
    <form
      class="explainer"
      method="post"
      action={props.apiUrl}
      encType="multipart/form-data"
      data-phase={phase}
      data-image={shown?.name ?? ""}
      data-model={model?.name ?? ""}
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        setRerun((n) => n + 1);
      }}
    >
      <input type="hidden" name="method" value={PAGE_METHODS.join(",")} />
      <div class="controls">
        <ImagePicker
          samples={props.samples}
          selected={sample}
          fileName={sample === null ? input?.name ?? null : null}
          onSample={chooseSample}
          onFile={chooseFile}
        />
        <ModelPicker
          choice={choice}
          url={modelUrl}
          preprocess={preprocess}
          backend={backendChoice}
          onBackend={switchBackend}
          summary={model ? describeModel(model) : "No model loaded yet."}
          busy={modelBusy}
          onChoice={(next) => {
            setChoice(next);
            if (next === "demo") loadDemo();
          }}
          onUrl={setModelUrl}
          onLoadUrl={() =>
            loadModel((c) => c.loadModelFromUrl(modelUrl.trim()))}
          onFiles={(files) => loadModel((c) => c.loadModelFromFiles(files))}
          onPreprocess={setPreprocess}
        />
        <ViewControls
          alpha={alpha}
          colormap={colormap}
          counterfactual={counterfactual}
          onAlpha={setAlpha}
          onColormap={setColormap}
          onCounterfactual={setCounterfactual}
        />
        <p class="no-js-only">
          <button type="submit">Explain on the server</button>{" "}
          Without JavaScript the form sends the image to the server, which
          explains it with the demo model.
        </p>
      </div>
      <Results
        backend={backend}
        status={status}
        error={error}
        input={input?.image ?? null}
        shown={shown}
        alpha={alpha}
        colormap={colormap}
        busy={busy}
        onChoose={setClassIndex}
      />
    </form>
  );
}
