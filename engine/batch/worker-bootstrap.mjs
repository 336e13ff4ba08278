// Entry of a batch worker thread: install tsx's loader in this thread, then run the worker (the
// TypeScript source, or beside a compiled build its .js copy, for a TypeScript runner module).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const source = new URL('./batch-worker.ts', import.meta.url);
await import(existsSync(fileURLToPath(source)) ? source.href : new URL('./batch-worker.js', import.meta.url).href);
