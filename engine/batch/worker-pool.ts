import { Worker } from 'node:worker_threads';
import { InputError } from '../io/input-error.ts';
import type { Cell } from './cells.ts';
import { RUNS_COMPILED } from '../runs-compiled.ts';
import { runnerModuleUrl, type BatchRunner, type MetricRecord, type RunnerSpec } from './runner.ts';
import type { Sweep } from './sweep.ts';

/** One replication of one cell. */
export interface ReplicationTask {
  readonly cell: Cell;
  readonly replication: number;
}

export interface TaskMessage { readonly id: number; readonly cell: Cell; readonly replication: number }
export type TaskReply =
  | { readonly id: number; readonly ok: true; readonly metrics: MetricRecord }
  | { readonly id: number; readonly ok: false; readonly input: boolean; readonly message: string; readonly stack?: string };

/**
 * Hands out the replications of a list of cells. A worker keeps to one cell while it has replications
 * left (so each worker builds a cell's model once), takes the next unstarted cell when its own is
 * handed out, and at the tail helps with the cell that has the most replications left. The order
 * results come back in does not matter: the caller files them by (cell, replication).
 */
export function createScheduler(cells: readonly Cell[], replications: number) {
  const handed = new Int32Array(cells.length);
  const open = new Set<number>(); // started cells with replications not handed out yet
  let nextCell = 0;
  const give = (c: number): ReplicationTask => {
    const task = { cell: cells[c], replication: handed[c]++ };
    if (handed[c] < replications) open.add(c); else open.delete(c);
    return task;
  };
  return {
    total: cells.length * replications,
    /** The next task for a worker whose last task was in cell position `affinity` (or none). */
    take(affinity: number | undefined): { task: ReplicationTask; position: number } | undefined {
      if (affinity !== undefined && handed[affinity] < replications) return { task: give(affinity), position: affinity };
      if (nextCell < cells.length) { const c = nextCell++; return { task: give(c), position: c }; }
      let best = -1;
      for (const c of open) if (best < 0 || handed[c] < handed[best] || (handed[c] === handed[best] && c < best)) best = c;
      return best < 0 ? undefined : { task: give(best), position: best };
    },
  };
}

/**
 * Runs the replications of cells and reports each result as it comes. The first failure stops the run:
 * replications not yet started are dropped and the promise rejects.
 */
export interface TaskExecutor {
  run(cells: readonly Cell[], replications: number, onResult: (task: ReplicationTask, metrics: MetricRecord) => void): Promise<void>;
  close(): Promise<void>;
}

/** Run in this thread (workers = 0): the reference, and the fastest for tiny sweeps. */
export function createInlineExecutor(runner: BatchRunner): TaskExecutor {
  return {
    async run(cells, replications, onResult) {
      let n = 0;
      for (const cell of cells) {
        for (let r = 0; r < replications; r++) {
          onResult({ cell, replication: r }, runner.run(cell, r));
          if (++n % 8 === 0) await new Promise((res) => setImmediate(res)); // let progress and signals through
        }
      }
    },
    async close() {},
  };
}

/** Tasks kept queued at each worker, so it never waits for the main thread (writing cell files). */
const DEPTH = 2;

/**
 * `size` worker threads, each loading the runner named by `spec` for `sweep`, fed by createScheduler.
 * The threads start at once (their start-up overlaps whatever the caller does before `run`); a worker
 * that fails to start fails the next (or current) `run`.
 */
export function createWorkerExecutor(size: number, sweep: Sweep, spec: RunnerSpec): TaskExecutor {
  // From the sources (or with a TypeScript runner) the thread installs tsx first; the compiled
  // build starts the compiled worker directly.
  const entry = RUNS_COMPILED && !runnerModuleUrl(spec).endsWith('.ts')
    ? new URL('./batch-worker.js', import.meta.url)
    : new URL('./worker-bootstrap.mjs', import.meta.url);
  const workers = Array.from({ length: size }, () => new Worker(entry, { workerData: { sweep, runner: spec } }));
  let failure: Error | undefined;
  let closing = false;
  let active: { reply(wi: number, reply: TaskReply): void; fail(err: Error): void } | undefined;
  const stop = () => { closing = true; return Promise.all(workers.map((w) => w.terminate())); };
  const fail = (err: Error) => {
    if (failure || closing) return;
    failure = err;
    void stop();
    active?.fail(err);
  };
  const replyError = (where: string, reply: Extract<TaskReply, { ok: false }>): Error => {
    if (reply.input) return new InputError(`${where}${reply.message}`);
    const e = new Error(`${where}${reply.message}`);
    e.stack = reply.stack;
    return e;
  };
  workers.forEach((w, wi) => {
    w.on('message', (reply: TaskReply) => {
      if (reply.id < 0 && !reply.ok) fail(replyError(`batch worker ${wi + 1}: `, reply));
      else active?.reply(wi, reply);
    });
    w.on('error', (err) => fail(err));
    w.on('exit', (code) => fail(new Error(`batch worker ${wi + 1} exited with code ${code}`)));
  });
  return {
    run(cells, replications, onResult) {
      return new Promise<void>((resolve, reject) => {
        if (failure) { reject(failure); return; }
        const scheduler = createScheduler(cells, replications);
        if (scheduler.total === 0) { resolve(); return; }
        const inFlight = workers.map(() => new Map<number, ReplicationTask>());
        const affinity: (number | undefined)[] = workers.map(() => undefined);
        let nextId = 0;
        let done = 0;
        const feed = (wi: number) => {
          while (!failure && inFlight[wi].size < DEPTH) {
            const next = scheduler.take(affinity[wi]);
            if (!next) return;
            affinity[wi] = next.position;
            const id = nextId++;
            inFlight[wi].set(id, next.task);
            workers[wi].postMessage({ id, cell: next.task.cell, replication: next.task.replication } satisfies TaskMessage);
          }
        };
        active = {
          fail: (err) => { active = undefined; reject(err); },
          reply: (wi, reply) => {
            const task = inFlight[wi].get(reply.id);
            if (!task) return;
            if (!reply.ok) {
              fail(replyError(`cell ${task.cell.index} (${task.cell.key}), replication ${task.replication}: `, reply));
              return;
            }
            inFlight[wi].delete(reply.id);
            feed(wi);
            try {
              onResult(task, reply.metrics);
            } catch (err) {
              fail(err as Error);
              return;
            }
            if (++done === scheduler.total) { active = undefined; resolve(); }
          },
        };
        workers.forEach((_, wi) => feed(wi));
      });
    },
    async close() {
      if (!closing) await stop();
    },
  };
}
