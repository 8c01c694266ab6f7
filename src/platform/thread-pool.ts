// A few worker threads that run one module's pure task on batches (issue #16 point 3: a bulk
// import prepares batch N+1 on them while the main thread writes batch N). The module is given by
// the URL of its TypeScript source and loaded in each thread the way this process loaded its
// own: from the tree compiled for a test run (GK_TEST_JS_DIR, scripts/compile-tests.mjs) when
// there is one, else through tsx (thread-pool-worker.mjs). It exports
// `createTask(init, load) → (input) => output | Promise<output>`; `load(url)` imports another
// source module the same way. Inputs and outputs cross the threads by structured clone.
import { Worker } from 'node:worker_threads';

export interface ThreadPool<I, O> {
  readonly size: number;
  /** Runs the task on each input, spread over the threads; the outputs in the inputs' order. */
  run(inputs: readonly I[]): Promise<O[]>;
  close(): Promise<void>;
}

type Reply = { ready: true } | { failed: string } | { id: number; output: unknown } | { id: number; error: string };

/** The compiled tree of a test run, when this process runs from it (as bin/gongkai.mjs decides). */
function compiledTree(): string | undefined {
  return process.env.NODE_ENV === 'test' ? process.env.GK_TEST_JS_DIR || undefined : undefined;
}

/**
 * Parent options a worker takes and that matter to it, as `--flag[=value]`: source maps, and the
 * profilers (`node --cpu-prof bin/gongkai.mjs import …` then writes one profile per thread into
 * the same folder, the worker's with its thread id in the name; `--cpu-prof-name` is left out, as
 * every thread would write to that one file). The heap sizes are not options a worker takes (Node
 * refuses V8's options in a worker's execArgv, and the pool then failed to start: an import given
 * `--max-old-space-size` ran without its threads); they become the worker's resourceLimits.
 */
const WORKER_FLAGS = /^--(enable-source-maps|(cpu|heap)-prof|(cpu|heap)-prof-(dir|interval))(=|$)/;

/**
 * The Node options a worker is started with: of the parent's, only WORKER_FLAGS. Not the module
 * hooks (`--import tsx`): the worker registers tsx itself (Node 20 does not carry a parent's hooks
 * into a worker; later versions may, and tsx registered twice would compile each module twice).
 * Not the rest either: a worker refuses per-process options, and Node 24's test runner starts
 * each test file with a dozen of them (`--secure-heap`, `--v8-pool-size`, `--node-snapshot` …),
 * which made every pool fail with ERR_WORKER_INVALID_EXEC_ARGV.
 */
function workerExecArgv(): string[] {
  return process.execArgv.filter((x) => WORKER_FLAGS.test(x));
}

/**
 * The parent's heap sizes as a worker's resourceLimits: `--max-old-space-size=N` (MB) and
 * `--max-semi-space-size=N` (MB; a young generation is three semi-spaces in V8's sizing).
 */
export function workerResourceLimits(execArgv: readonly string[] = process.execArgv): {
  maxOldGenerationSizeMb?: number;
  maxYoungGenerationSizeMb?: number;
} {
  const size = (name: string) => {
    const flag = execArgv.findLast((x) => x.startsWith(`--${name}=`));
    const n = flag ? Number(flag.slice(name.length + 3)) : NaN;
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const old = size('max-old-space-size');
  const semi = size('max-semi-space-size');
  return {
    ...(old === undefined ? {} : { maxOldGenerationSizeMb: old }),
    ...(semi === undefined ? {} : { maxYoungGenerationSizeMb: 3 * semi }),
  };
}

/** Starts `size` threads running `moduleUrl`'s task with `init`; rejects if one cannot load it. */
export async function startThreadPool<I, O>(moduleUrl: string, init: unknown, size: number): Promise<ThreadPool<I, O>> {
  const compiled = compiledTree();
  const threads = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(new URL('./thread-pool-worker.mjs', import.meta.url), {
      workerData: { moduleUrl, init, compiled },
      execArgv: workerExecArgv(),
      resourceLimits: workerResourceLimits(),
    });
    const waiting = new Map<number, { resolve: (o: O[]) => void; reject: (e: Error) => void }>();
    let broken: Error | null = null;
    const fail = (err: Error) => {
      broken ??= err;
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    };
    let ready!: Promise<void>;
    {
      let resolveReady!: () => void;
      let rejectReady!: (e: Error) => void;
      ready = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
      worker.on('message', (m: Reply) => {
        if ('ready' in m) resolveReady();
        else if ('failed' in m) rejectReady(new Error(m.failed));
        else {
          const w = waiting.get(m.id);
          waiting.delete(m.id);
          if ('error' in m) w?.reject(new Error(m.error));
          else w?.resolve(m.output as O[]);
        }
      });
      worker.on('error', (err) => (rejectReady(err), fail(err)));
      worker.on('exit', (code) => {
        const err = new Error(`worker thread exited (${code})`);
        rejectReady(err);
        fail(err);
      });
    }
    let next = 0;
    return {
      worker,
      ready,
      run(inputs: I[]): Promise<O[]> {
        if (broken) return Promise.reject(broken);
        const id = next++;
        return new Promise<O[]>((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          worker.postMessage({ id, inputs });
        });
      },
    };
  });
  const close = async () => {
    await Promise.all(threads.map((t) => t.worker.terminate()));
  };
  try {
    await Promise.all(threads.map((t) => t.ready));
  } catch (err) {
    await close();
    throw err;
  }
  return {
    size: threads.length,
    async run(inputs) {
      // Contiguous slices, one a thread: the outputs concatenated are in the inputs' order.
      const per = Math.ceil(inputs.length / threads.length);
      const parts = await Promise.all(
        threads.map((t, i) => (i * per < inputs.length ? t.run(inputs.slice(i * per, (i + 1) * per)) : [])),
      );
      return parts.flat() as O[];
    },
    close,
  };
}

/**
 * Runs `moduleUrl`'s task once on a thread of its own (a background job's work beside the site,
 * jobs/runner.ts: its own database connection, the site's event loop free), with `input` and
 * `stop`, one Int32 that turns 1 when `signal` aborts (the process shuts down): the task reads it
 * between its steps (`stopRequested`) and ends early.
 */
export async function runOnThread<I extends object, O>(moduleUrl: string, input: I, signal?: AbortSignal): Promise<O> {
  const stop = new SharedArrayBuffer(4);
  const onAbort = () => Atomics.store(new Int32Array(stop), 0, 1);
  signal?.addEventListener('abort', onAbort);
  if (signal?.aborted) onAbort();
  try {
    const pool = await startThreadPool<I & { stop: SharedArrayBuffer }, O>(moduleUrl, null, 1);
    try {
      const [result] = await pool.run([{ ...input, stop }]);
      return result as O;
    } finally {
      await pool.close();
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The thread's side of runOnThread's `stop`: true once the process shuts down. */
export function stopRequested(stop: SharedArrayBuffer): () => boolean {
  const flag = new Int32Array(stop);
  return () => Atomics.load(flag, 0) === 1;
}
