/**
 * The synthetic "shapes" dataset camkit's demo model is trained and evaluated
 * on: seeded scenes of one or two shapes on clutter, with masks and boxes.
 *
 * @example
 * ```ts
 * import { generateScene, SHAPE_CLASSES } from "./mod.ts";
 * const scene = generateScene(1);
 * const [object] = scene.objects;
 * if (SHAPE_CLASSES[object.classIndex] !== object.label) throw new Error();
 * ```
 *
 * @module
 */
export {
  type Annotations,
  type DatasetOptions,
  generateDataset,
  generateScene,
  type Scene,
  type SceneObject,
  type SceneOptions,
  type SceneStyle,
  SHAPE_CLASSES,
  type ShapeLabel,
  toAnnotations,
} from "./generate.ts";
export { createRandom, hashSeed, type Random } from "./random.ts";
