// The WAL checkpoints of a long run of large write transactions (the embedded bulk import), made on
// a thread of their own instead of in the writer's COMMIT (issue #16 point 3). The writer is the
// import's main thread, the bound of its wall time; a checkpoint copies the WAL's pages into the
// database file and syncs both, ~0.45 s of CPU and ~0.2–0.3 s of waiting for the disk every ~9
// batches of 1,000 bench rows at 100,000 rows (docs/PERFORMANCE.md "Embedded bulk import: the commit
// path").
//
// SQLite lets a checkpoint run beside a writer (WAL mode, PASSIVE): it copies the frames committed
// when it started. But the WAL only starts again from its beginning when a write transaction
// begins while every frame is copied — otherwise it grows without end. So after each commit the
// writer calls `committed()` (a PASSIVE checkpoint starts on the thread, or after the one running),
// and before each write transaction `beforeWrite()`: while the WAL is under `limitPages` it returns
// at once (unless the thread is two commits behind); past it, it waits for the thread to have copied
// every frame (the last commit's, mostly, which the thread copies meanwhile), and the transaction
// then starts the WAL again. So the WAL holds at most `limitPages` and about three transactions.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** A transaction was committed: its frames are copied on the thread. */
  committed(): void;
  /** Before a write transaction: waits, once the WAL holds `limitPages` or more, until it is all copied. */
  beforeWrite(): Promise<void>;
  /** Waits for the checkpoint running, and ends the thread. */
  close(): Promise<void>;
  /** The WAL's most pages seen by a checkpoint (for the tests and the measurements). */
  readonly mostPages: number;
}

// The thread: one connection to the database file, a PASSIVE checkpoint for each message.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ ready: true });
`;

interface Reply {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Starts the thread on the database `file` (in WAL mode); rejects if it cannot open it. */
export async function startWalCheckpointer(file: string, limitPages: number): Promise<WalCheckpointer> {
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  let failed: Error | null = null;
  const waiting: ((r: Reply | Error) => void)[] = [];
  worker.on('message', (m: Reply | { ready: true } | { error: string }) => {
    if ('ready' in m) return;
    waiting.shift()?.('error' in m ? new Error(m.error) : m);
  });
  const fail = (err: Error) => {
    failed ??= err;
    for (const w of waiting.splice(0)) w(err);
  };
  worker.on('error', fail);
  const exited = new Promise<void>((done) =>
    worker.once('exit', (code) => {
      fail(new Error(`checkpoint thread exited (${code})`));
      done();
    }),
  );
  await new Promise<void>((ready, reject) => {
    const onMessage = (m: { ready?: true }) => {
      if (!m.ready) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      ready();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  const checkpoint = () =>
    new Promise<Reply>((resolve, reject) => {
      if (failed) return reject(failed);
      waiting.push((r) => (r instanceof Error ? reject(r) : resolve(r)));
      worker.postMessage('checkpoint');
    });

  let running: Promise<Reply> | null = null;
  let behind = 0; // commits since the running checkpoint started
  let last: Reply = { busy: 0, log: 0, checkpointed: 0 };
  let mostPages = 0;
  const start = () => {
    behind = 0;
    const p = checkpoint().then((r) => {
      last = r;
      mostPages = Math.max(mostPages, r.log);
      if (running === p) running = behind ? start() : null;
      return r;
    });
    // Awaited by beforeWrite() and close(); a failure is theirs to report.
    p.catch(() => {});
    running = p;
    return p;
  };
  return {
    get mostPages() {
      return mostPages;
    },
    committed() {
      if (failed) return;
      if (running) behind++;
      else start();
    },
    async beforeWrite() {
      if (failed) throw failed;
      // The writer stays at most two commits ahead of the thread, so that the WAL's size as the
      // last checkpoint saw it is at most two transactions short.
      while (running && behind >= 2) await running;
      if (failed) throw failed;
      if (last.log < limitPages) return;
      // Until a checkpoint that began after the last commit has copied every frame (PASSIVE stops
      // short when another connection's read still needs older frames: then the WAL goes on).
      for (let round = 0; round < 3; round++) {
        while (running) await running;
        if (failed) throw failed;
        const r = await start();
        if (r.log === r.checkpointed) break;
      }
      last = { busy: 0, log: 0, checkpointed: 0 };
    },
    async close() {
      while (running) await running.catch(() => {});
      if (!failed) worker.postMessage('close');
      await exited;
    },
  };
}
