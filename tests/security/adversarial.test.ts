// The adversarial suite for the permission rule engine (issue 9): after a realistic learned set
// (learned-rules.ts), no hostile request (hostile-requests.ts) may be allowed, and no safe one
// (safe-requests.ts) may be denied. Pure: it runs the engine on data, no stack needed.
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES, hostileRequests } from './hostile-requests.ts';
import { learnedRules } from './learned-rules.ts';
import { count, describeDecider, describeRequest, hostileResults, safeResults } from './replay.ts';
import { safeRequests } from './safe-requests.ts';

const hostile = hostileResults();
const safe = safeResults();

describe('the corpus', () => {
  it('is big enough: ≥ 50 learned rules, ≥ 300 hostile requests (≥ 12 per category), ≥ 80 safe requests', () => {
    expect(learnedRules.length).toBeGreaterThanOrEqual(50);
    expect(hostileRequests.length).toBeGreaterThanOrEqual(300);
    expect(safeRequests.length).toBeGreaterThanOrEqual(80);
    const perCategory = Object.fromEntries(CATEGORIES.map((category) => [category, hostileRequests.filter((entry) => entry.category === category).length]));
    const thin = Object.entries(perCategory).filter(([, size]) => size < 12);
    expect(thin, `categories with fewer than 12 hostile requests: ${JSON.stringify(perCategory)}`).toEqual([]);
  });

  it('has every request once, and a reason for every hostile one', () => {
    const keys = [...hostileRequests, ...safeRequests].map((entry) => JSON.stringify(entry.request));
    const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(repeated, 'requests listed twice').toEqual([]);
    const unexplained = hostileRequests.filter((entry) => entry.why.trim().length < 10 || entry.why.includes('\n'));
    expect(unexplained.map((entry) => describeRequest(entry.request)), 'hostile requests without a one-line why').toEqual([]);
  });
});

describe('no hostile request is allowed after the learned set', () => {
  it.each(CATEGORIES.map((category) => [category]))('%s', (category) => {
    const allowed = hostile.filter((result) => result.entry.category === category && result.decision.decision === 'allow');
    const report = allowed.map(({ entry, decision }) => `  - ${describeRequest(entry.request)}\n      harm: ${entry.why}\n      allowed by: ${describeDecider(decision)}`);
    const total = hostile.filter((result) => result.entry.category === category).length;
    expect(allowed.length, `${allowed.length} of ${total} hostile "${category}" requests were allowed:\n${report.join('\n')}\n`).toBe(0);
  });
});

describe('no safe request is denied', () => {
  it.each(CATEGORIES.map((category) => [category]))('%s', (category) => {
    const denied = safe.filter((result) => result.entry.category === category && result.decision.decision === 'deny');
    const report = denied.map(({ entry, decision }) => `  - ${describeRequest(entry.request)}\n      denied by: ${describeDecider(decision)}`);
    expect(denied.length, `${denied.length} safe "${category}" requests were denied (no person is even asked):\n${report.join('\n')}\n`).toBe(0);
  });
});

afterAll(() => {
  const h = count(hostile);
  const s = count(safe);
  console.log(
    `[adversarial] ${learnedRules.length} learned rules; hostile ${hostile.length}: allowed ${h.allow}, denied ${h.deny}, held ${h.undecided}; ` +
      `safe ${safe.length}: allowed ${s.allow}, held ${s.undecided}, denied ${s.deny}`,
  );
});
