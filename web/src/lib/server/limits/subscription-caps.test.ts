import { describe, expect, it } from 'vitest';
import { OverLimit } from '../errors.ts';
import { capped, heldBy, type SubscriptionCap } from './subscription-caps.ts';

const cap: SubscriptionCap = { what: 'live screens', perToken: 2 };

async function* forever(): AsyncGenerator<number> {
  for (let i = 0; ; i++) yield i;
}

describe('capped', () => {
  it('lets a token hold only so many at once, gives the place back when one ends, and names the limit', async () => {
    const first = capped(cap, 'token-a', forever);
    const second = capped(cap, 'token-a', forever);
    expect((await first.next()).value).toBe(0);
    expect((await second.next()).value).toBe(0);
    expect(heldBy(cap, 'token-a')).toBe(2);

    const third = capped(cap, 'token-a', forever);
    const refused = await third.next().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(OverLimit);
    expect(refused).toMatchObject({ message: 'this token already has 2 live screens open, the most it may hold at once (2); close one (a browser tab showing it) first' });
    // Another token is counted apart.
    expect((await capped(cap, 'token-b', forever).next()).done).toBe(false);

    await first.return(undefined);
    expect(heldBy(cap, 'token-a')).toBe(1);
    const again = capped(cap, 'token-a', forever);
    expect((await again.next()).value).toBe(0);
    await again.return(undefined);
    await second.return(undefined);
    expect(heldBy(cap, 'token-a')).toBe(0);
  });

  it('gives the place back when the source fails', async () => {
    const failing = capped(cap, 'token-c', async function* () {
      yield 1;
      throw new Error('pane gone');
    });
    await failing.next();
    await expect(failing.next()).rejects.toThrow('pane gone');
    expect(heldBy(cap, 'token-c')).toBe(0);
  });
});
