import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnsealError, isSealed, seal, sealValues, unseal, unsealValues } from './sealed-secret.ts';

const key = randomBytes(32);

describe('sealed secrets', () => {
  it('hide the value and open again with the same key', () => {
    const sealed = seal('orc_agt_secret-token', key);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('secret-token');
    expect(unseal(sealed, key)).toBe('orc_agt_secret-token');
    // A fresh nonce each time: the same secret never looks the same twice.
    expect(seal('orc_agt_secret-token', key)).not.toBe(sealed);
  });

  it('round-trip any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => unseal(seal(text, key), key) === text));
  });

  it('refuse another key and a tampered value, naming the way out', () => {
    const sealed = seal('orc_agt_x', key);
    expect(() => unseal(sealed, randomBytes(32))).toThrow(/ORC_SECRET_KEY/);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => unseal(tampered, key)).toThrow(UnsealError);
    expect(() => unseal('sealed:v1:abc', key)).toThrow(/cut short/);
  });

  it('pass a value that was never sealed through (workflows started before sealing)', () => {
    expect(unseal('orc_agt_old', key)).toBe('orc_agt_old');
  });

  it('seal the values of an environment and keep its names readable', () => {
    const sealed = sealValues({ ANTHROPIC_AUTH_TOKEN: 'sk-1', EMPTY: '' }, key);
    expect(Object.keys(sealed)).toEqual(['ANTHROPIC_AUTH_TOKEN', 'EMPTY']);
    expect(JSON.stringify(sealed)).not.toContain('sk-1');
    expect(unsealValues(sealed, key)).toEqual({ ANTHROPIC_AUTH_TOKEN: 'sk-1', EMPTY: '' });
  });
});
