import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../../test/support/run-cli.ts';
import { InputError } from '../input-error.ts';
import { loadNetwork } from './load-network.ts';

describe('overriding the guessed coordinate kind', () => {
  // Local kilometre coordinates 20..21 with decimals look like lon/lat degrees to the guess.
  const dir = tempDir({
    'roads.csv': 'from,to,time_s\na,b,10\nb,a,10\n',
    'nodes.csv': 'id,x,y\na,20.5,20.5\nb,21.5,20.5\n',
    'w.osm': '<osm version="0.6"></osm>\n',
  });

  it('takes the guess by default and the flag when given', () => {
    const guessed = loadNetwork([join(dir, 'roads.csv')], { nodesFile: join(dir, 'nodes.csv') });
    expect(guessed.coordKind).toBe('lonlat');
    const planar = loadNetwork([join(dir, 'roads.csv')], { nodesFile: join(dir, 'nodes.csv'), coordKind: 'planar' });
    expect(planar.coordKind).toBe('planar');
    expect(Array.from(planar.x)).toEqual([20.5, 21.5]);
  });

  it('refuses planar coordinates for OpenStreetMap', () => {
    expect(() => loadNetwork([join(dir, 'w.osm')], { coordKind: 'planar' })).toThrow(InputError);
    expect(() => loadNetwork([join(dir, 'w.osm')], { coordKind: 'planar' })).toThrow(/always lon\/lat/);
  });
});
