import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit, createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows a burst, then as many a second as it refills, per key', () => {
    const limiter = createRateLimiter('hook calls', { burst: 3, perSecond: 2 });
    const at = (ms: number) => limiter.take('token-a', 1, ms).allowed;
    expect([at(0), at(0), at(0), at(0)]).toEqual([true, true, true, false]);
    // Another token has its own bucket.
    expect(limiter.take('token-b', 1, 0).allowed).toBe(true);
    // Half a second refills one call.
    expect([at(500), at(500)]).toEqual([true, false]);
    // A long quiet while refills only up to the burst.
    expect([at(60_000), at(60_000), at(60_000), at(60_000)]).toEqual([true, true, true, false]);
  });

  it('says when to try again, and names the limit', () => {
    const limiter = createRateLimiter('hook calls', { burst: 2, perSecond: 0.5 });
    limiter.take('t', 2, 0);
    const verdict = limiter.take('t', 1, 0);
    expect(verdict).toEqual({ allowed: false, retryAfterS: 2 });
    expect(limiter.describe(verdict)).toBe('rate limit: this token made more than 2 hook calls in a burst (0.5 a second sustained); try again in 2 s');
  });

  it('refuses a call costing more than is left without taking anything', () => {
    const limiter = createRateLimiter('API calls', { burst: 5, perSecond: 1 });
    expect(limiter.take('t', 4, 0).allowed).toBe(true);
    expect(limiter.take('t', 3, 0).allowed).toBe(false);
    expect(limiter.take('t', 1, 0).allowed).toBe(true);
  });

  it('keeps a bounded number of buckets, forgetting idle ones first', () => {
    const limiter = createRateLimiter('API calls', { burst: 1, perSecond: 1 });
    for (let i = 0; i < 10_000; i++) limiter.take(`idle-${i}`, 1, 0);
    limiter.take('busy', 1, 5_000);
    // The idle ones refilled and were forgotten; the busy one is still counted.
    expect(limiter.take('busy', 1, 5_000).allowed).toBe(false);
  });
});

describe('createConcurrencyLimit', () => {
  it('lets so many of one key work at once; the next wait their turn, in order', async () => {
    const limit = createConcurrencyLimit(2);
    const order: string[] = [];
    const first = await limit.enter('t');
    const second = await limit.enter('t');
    const third = limit.enter('t').then((leave) => (order.push('third'), leave));
    const fourth = limit.enter('t').then((leave) => (order.push('fourth'), leave));
    // Another key is not held up.
    (await limit.enter('other'))();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    first();
    first(); // a second call gives nothing more back
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    // All places are free again.
    const again = await Promise.all([limit.enter('t'), limit.enter('t')]);
    again.forEach((leave) => leave());
  });
});
