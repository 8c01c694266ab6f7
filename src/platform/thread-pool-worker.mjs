// A thread of platform/thread-pool.ts: loads the task's module (from the compiled tree of a test
// run, else its TypeScript source through tsx), answers `ready` or `failed`, then runs the task on
// each message's inputs in turn and posts the outputs (or the error) back with the message's id.
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { moduleUrl, init, compiled } = workerData;
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A source module by its URL, as this process loads it. */
const load = (url) =>
  import(compiled ? pathToFileURL(`${join(compiled, relative(root, fileURLToPath(url)))}.js`).href : url);

const message = (err) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

try {
  if (!compiled) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  const task = await (await load(moduleUrl)).createTask(init, load);
  parentPort.on('message', async ({ id, inputs }) => {
    try {
      const output = [];
      for (const input of inputs) output.push(await task(input));
      parentPort.postMessage({ id, output });
    } catch (err) {
      parentPort.postMessage({ id, error: message(err) });
    }
  });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ failed: message(err) });
}
