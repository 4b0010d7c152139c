/**
 * A bounded work queue: at most `concurrency` jobs run at once, at most
 * `capacity` wait; beyond that a job is refused at once (503 with
 * `Retry-After`) instead of piling up memory.
 *
 * @module
 */
import { HttpError } from "../_http.ts";

/** Options for {@linkcode WorkQueue}. */
export interface WorkQueueOptions {
  /** Jobs that may run at once. Default 2. */
  concurrency?: number;
  /** Jobs that may wait for a free slot. Default 32. */
  capacity?: number;
}

/** What the queue is doing. */
export interface WorkQueueStats {
  /** Jobs running now. */
  readonly running: number;
  /** Jobs waiting now. */
  readonly waiting: number;
  /** Largest number of running jobs allowed. */
  readonly concurrency: number;
  /** Largest number of waiting jobs allowed. */
  readonly capacity: number;
  /** Jobs refused because the queue was full, since start. */
  readonly refused: number;
}

/** Starts a waiting job (hands it the slot of the job that finished). */
type Waiter = () => void;

function positiveInteger(name: string, value: number): number {
  if (
    !Number.isInteger(value) || value < 0 ||
    (name === "concurrency" && value < 1)
  ) {
    throw new RangeError(
      `Queue ${name} ${value} is invalid: use a whole number${
        name === "concurrency" ? " from 1" : " from 0"
      }`,
    );
  }
  return value;
}

/**
 * Runs async jobs with bounded concurrency and a bounded waiting line.
 *
 * @example
 * ```ts
 * import { WorkQueue } from "./_queue.ts";
 * const queue = new WorkQueue({ concurrency: 1, capacity: 0 });
 * const first = queue.run(() => new Promise((r) => setTimeout(() => r("done"), 10)));
 * const second = queue.run(() => Promise.resolve("never")).catch((e) => e.status);
 * if (await second !== 503 || await first !== "done") throw new Error("not bounded");
 * ```
 */
export class WorkQueue {
  #running = 0;
  #refused = 0;
  #waiting: Waiter[] = [];
  #concurrency: number;
  #capacity: number;
  #averageMs = 1000;

  /** A queue with the given limits. */
  constructor(options: WorkQueueOptions = {}) {
    this.#concurrency = positiveInteger(
      "concurrency",
      options.concurrency ?? 2,
    );
    this.#capacity = positiveInteger("capacity", options.capacity ?? 32);
  }

  /** Whether a new job would be refused now. */
  get full(): boolean {
    return this.#running >= this.#concurrency &&
      this.#waiting.length >= this.#capacity;
  }

  /** Current load and limits. */
  stats(): WorkQueueStats {
    return {
      running: this.#running,
      waiting: this.#waiting.length,
      concurrency: this.#concurrency,
      capacity: this.#capacity,
      refused: this.#refused,
    };
  }

  /** The 503 answer for a full queue, with an estimate of when to retry. */
  refusal(): HttpError {
    this.#refused++;
    const seconds = Math.max(
      1,
      Math.ceil(
        (this.#averageMs * (this.#waiting.length + this.#running)) /
          this.#concurrency / 1000,
      ),
    );
    return new HttpError(
      503,
      `The server is busy (${this.#running} explanations running, ${this.#waiting.length} waiting): retry in ${seconds} s`,
      { "retry-after": String(seconds) },
    );
  }

  /**
   * Runs `job` when a slot is free, in arrival order. Throws the 503
   * {@linkcode HttpError} at once when the queue is full.
   */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#concurrency) {
      if (this.#waiting.length >= this.#capacity) throw this.refusal();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    const started = performance.now();
    try {
      return await job();
    } finally {
      this.#averageMs = 0.8 * this.#averageMs +
        0.2 * (performance.now() - started);
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
