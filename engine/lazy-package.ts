import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at start-up: a CLI command imports every
 * module it might need, and a package such as ajv (dozens of files) would otherwise cost every
 * run, `--help` included, the time to load it.
 *
 * @example
 * const ajv = lazyPackage<typeof import('ajv')>('ajv');
 * const validate = new (ajv().Ajv)().compile(schema);
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
