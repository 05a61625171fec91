import { describe, expect, it } from 'vitest';
import { idsWithinBudget } from './text-budget.ts';

describe('idsWithinBudget', () => {
  it('keeps the newest rows whose texts fit, and stops at the first that does not', () => {
    const sizes = [
      { id: 'newest', bytes: 40 },
      { id: 'second', bytes: 50 },
      { id: 'third', bytes: 20 },
      { id: 'oldest', bytes: 1 },
    ];
    expect(idsWithinBudget(sizes, 100)).toEqual(['newest', 'second']);
    expect(idsWithinBudget(sizes, 111)).toEqual(['newest', 'second', 'third', 'oldest']);
  });

  it('always returns the newest row, however large', () => {
    expect(idsWithinBudget([{ id: 'huge', bytes: 10_000 }, { id: 'small', bytes: 1 }], 100)).toEqual(['huge']);
    expect(idsWithinBudget([], 100)).toEqual([]);
  });
});
