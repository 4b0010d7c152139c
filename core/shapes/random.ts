/**
 * A small seeded pseudo-random number generator (mulberry32) and the helpers
 * the shapes generator draws from. Pure TypeScript: the same seed gives the
 * same numbers in Deno, in a browser and on an edge runtime.
 *
 * @module
 */

/** A seeded source of pseudo-random numbers. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  range(min: number, max: number): number;
  /** An integer in [min, max) (`max` excluded). */
  int(min: number, max: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  /** A standard normal deviate (Box–Muller). */
  normal(): number;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
}

/** MurmurHash3's 32-bit finaliser: a bijection that mixes every bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Scrambles a seed (and an optional stream number) into a well-mixed 32-bit
 * state, so that neighbouring seeds (1, 2, 3, ...) start unrelated streams.
 * For one stream, seeds below 2^32 map to distinct states.
 * Throws a `RangeError` for a seed that is not a safe integer.
 *
 * @example
 * ```ts
 * import { hashSeed } from "./random.ts";
 * if (hashSeed(1) === hashSeed(2)) throw new Error("seeds must differ");
 * if (hashSeed(7, 1) !== hashSeed(7, 1)) throw new Error("not deterministic");
 * ```
 */
export function hashSeed(seed: number, stream = 0): number {
  for (const [name, value] of [["seed", seed], ["stream", stream]] as const) {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(
        `Cannot use ${name} ${value}: it must be a safe integer`,
      );
    }
  }
  let h = mix32(0x9e3779b9 ^ stream);
  h = mix32(h ^ (seed >>> 0));
  h = mix32(h ^ (Math.floor(seed / 0x100000000) >>> 0));
  return h >>> 0;
}

class Mulberry32 implements Random {
  #state: number;
  #spareNormal: number | undefined;

  constructor(state: number) {
    this.#state = state >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    if (!(max > min)) {
      throw new RangeError(`Cannot draw an integer from [${min}, ${max})`);
    }
    return min + Math.floor((max - min) * this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(): number {
    if (this.#spareNormal !== undefined) {
      const value = this.#spareNormal;
      this.#spareNormal = undefined;
      return value;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError("Cannot pick from an empty list");
    }
    return items[this.int(0, items.length)];
  }
}

/**
 * A mulberry32 generator started from {@linkcode hashSeed}`(seed, stream)`.
 *
 * @example
 * ```ts
 * import { createRandom } from "./random.ts";
 * const a = createRandom(42);
 * const b = createRandom(42);
 * const x = a.next();
 * if (x !== b.next() || x < 0 || x >= 1) throw new Error(String(x));
 * const k = a.int(0, 6);
 * if (!Number.isInteger(k) || k < 0 || k >= 6) throw new Error(String(k));
 * ```
 */
export function createRandom(seed: number, stream = 0): Random {
  return new Mulberry32(hashSeed(seed, stream));
}
