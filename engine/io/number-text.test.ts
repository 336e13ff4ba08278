import { describe, expect, it } from 'vitest';
import { describeNumberRange, parseDecimal, parseInteger, plainDecimalAt } from './number-text.ts';

describe('what a number field accepts', () => {
  it('reads decimal notation, with sign, fraction, exponent and surrounding blanks', () => {
    expect(['12', '-0.5', '.5', '+3', '1e3', '2.5E-3', ' 7 ', '4.'].map(parseDecimal)).toEqual([12, -0.5, 0.5, 3, 1000, 0.0025, 7, 4]);
  });

  it('rejects what Number() lets through: hex, octal, binary, blanks, Infinity, separators, units', () => {
    // Number('0x10') is 16 and Number('') is 0: read as a time, "0x10" became 16 s.
    for (const text of ['0x10', '0o7', '0b1', '', '   ', 'Infinity', '-Infinity', 'NaN', '1_000', '1,000', '12s', '1e', '--1', '.']) {
      expect(parseDecimal(text), JSON.stringify(text)).toBeNaN();
    }
  });

  it('reads integers as digits (a zero fraction allowed, as spreadsheets export them), not exponents or fractions', () => {
    expect(['3', '-2', '3.0', '+10', ' 42 '].map(parseInteger)).toEqual([3, -2, 3, 10, 42]);
    for (const text of ['1e3', '2.5', '0x10', '', '3.01']) expect(parseInteger(text), text).toBeNaN();
  });

  it('reads every text exactly as the rule written as one regular expression does (the fast path changes nothing)', () => {
    const rule = (text: string) => { const t = text.trim(); return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN; };
    const alphabet = '0123456789.-+eEx ';
    let seed = 7;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let k = 0; k < 20000; k++) {
      const len = 1 + Math.floor(rand() * 7);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      expect(Object.is(parseDecimal(text), rule(text)), JSON.stringify(text)).toBe(true);
    }
  });

  it('says ranges the way people write them', () => {
    expect(describeNumberRange({ min: 0, exclusiveMin: true })).toBe('a number > 0');
    expect(describeNumberRange({ integer: true, min: 1, max: 10000 })).toBe('an integer 1..10000');
    expect(describeNumberRange({ integer: true, min: 0, max: Number.MAX_SAFE_INTEGER })).toBe('an integer >= 0');
    expect(describeNumberRange({ max: 5 })).toBe('a number <= 5');
  });
});

describe('plainDecimalAt: plain decimals read in place', () => {
  it('gives exactly what Number() gives for every plain decimal up to 15 digits, and NaN (the slow way) for anything else', () => {
    let seed = 11;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const alphabet = '0123456789012345678901234567890123456789.-+e ';
    let fast = 0;
    for (let k = 0; k < 50000; k++) {
      const len = 1 + Math.floor(rand() * 18);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const framed = `x;${text};y`;
      const v = plainDecimalAt(framed, 2, 2 + text.length);
      if (Number.isNaN(v)) continue;
      fast++;
      expect(Object.is(v, parseDecimal(text)), JSON.stringify(text)).toBe(true);
      expect(Object.is(v, Number(text)), JSON.stringify(text)).toBe(true);
    }
    expect(fast).toBeGreaterThan(5000);
  });

  it('reads hard cases exactly: 15 significant digits, long fractions, signs, zeros', () => {
    for (const text of ['0.1', '0.3', '2.26', '123456789012345', '0.000000000000001', '.123456789012345', '999999999999999.', '-0.0', '+7', '1.7976931348623', '-33.852', '151.197', '4.35', '0000000000000000000012.5', '0.0000000000000000000001']) {
      expect(Object.is(plainDecimalAt(text, 0, text.length), Number(text)), text).toBe(true);
    }
    for (const text of ['', '-', '.', '1e3', '1.2.3', '0x10', '1234567890123456', '0.1234567890123456', '0.00000000000000000000001', ' 1', '1 ']) {
      expect(plainDecimalAt(text, 0, text.length), text).toBeNaN();
    }
  });
});
