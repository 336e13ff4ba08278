import { lazyPackage } from '../../lazy-package.ts';

const saxes = lazyPackage<typeof import('saxes')>('saxes');
import { InputError, at } from '../input-error.ts';

export interface XmlHandlers {
  /** An element opened; `line` is the 1-based line where its start tag ends. */
  open(name: string, attributes: Record<string, string>, line: number): void;
  close?(name: string): void;
  comment?(text: string): void;
}

/**
 * Stream XML text through saxes (no tree is built), in chunks. Malformed XML is an InputError naming the
 * file and line. An empty document is an InputError too.
 */
export function streamXml(text: string, fileName: string, handlers: XmlHandlers, chunkChars = 1 << 20): void {
  if (text.trim() === '') throw new InputError(at(fileName, undefined, 'expected an XML document, got an empty file'));
  const parser = new (saxes().SaxesParser)({ position: true });
  let failure: string | undefined;
  parser.on('error', (err) => {
    if (failure === undefined) failure = at(fileName, parser.line, `expected well-formed XML: ${err.message.replace(/^.*?:\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag) => handlers.open(tag.name, tag.attributes as Record<string, string>, parser.line));
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(tag.name));
  if (handlers.comment) parser.on('comment', (c) => handlers.comment!(c));
  for (let i = 0; i < text.length && failure === undefined; i += chunkChars) parser.write(text.slice(i, i + chunkChars));
  if (failure === undefined) parser.close();
  if (failure !== undefined) throw new InputError(failure);
}
