/** A batch worker thread (started through worker-bootstrap.mjs): runs the replications it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../io/input-error.ts';
import { loadRunnerFactory, type RunnerSpec } from './runner.ts';
import type { Sweep } from './sweep.ts';
import type { TaskMessage, TaskReply } from './worker-pool.ts';

const { sweep, runner } = workerData as { sweep: Sweep; runner: RunnerSpec };
const port = parentPort!;

try {
  const instance = await (await loadRunnerFactory(runner))(sweep);
  port.on('message', (task: TaskMessage) => {
    let reply: TaskReply;
    try {
      reply = { id: task.id, ok: true, metrics: instance.run(task.cell, task.replication) };
    } catch (err) {
      reply = { id: task.id, ok: false, input: err instanceof InputError, message: (err as Error).message, stack: (err as Error).stack };
    }
    port.postMessage(reply);
  });
} catch (err) {
  port.postMessage({ id: -1, ok: false, input: err instanceof InputError, message: (err as Error).message, stack: (err as Error).stack } satisfies TaskReply);
}
