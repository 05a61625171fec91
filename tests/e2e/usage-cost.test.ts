// The real Claude Code CLI (2.1.328) as an orc agent, in its bubblewrap sandbox (the default),
// reports what each model call cost to orc's OTLP receiver with its own token, as orc launched
// it to; `orc usage --json` then shows exactly the tokens the scripted Messages API reported,
// and the cost the CLI computed from them at its own prices; the overview's Today column and
// the Analytics charts show the same in a real browser.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { usageLine } from '../../web/src/lib/client/usage-format.ts';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { DEFAULT_USAGE, startScriptedMessagesApi, type ReplyUsage, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('usage');
const id = `${team}/spender`;
let api: ScriptedMessagesApi;

/** What the scripted model reports for each word it is asked to reply with. */
const USAGE: Record<string, ReplyUsage> = {
  first: { input_tokens: 1234, output_tokens: 567, cache_creation_input_tokens: 89, cache_read_input_tokens: 4321 },
  second: { input_tokens: 2000, output_tokens: 300, cache_creation_input_tokens: 0, cache_read_input_tokens: 15000 },
};

/**
 * Claude Code 2.1.328's prices for its default model, per million tokens, as it computed them
 * in the cost_usd of its api_request events (testing/CLAUDE-CODE-NOTES.md, section g).
 */
const OPUS_5_5 = { model: 'claude-opus-5-5', input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 };

type Figures = { requests: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number; costUsd: number };
type Summary = { total: Figures; rows: Array<Figures & { key: string }> };

beforeAll(async () => {
  api = await startScriptedMessagesApi(({ lastUserText }) => {
    const word = /reply with (\S+)/.exec(lastUserText ?? '')?.[1] ?? 'unknown';
    return { text: word, ...(USAGE[word] ? { usage: USAGE[word] } : {}) };
  });
  const project = await mkdtemp(join(tmpdir(), 'orc-usage-project-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  await orc(['agent', 'start', id, '--project', project, '--cmd', claudeTestCommand(), ...envFlags(env)]);
});

afterAll(async () => {
  await runOrc(['agent', 'stop', id]);
  await api?.close();
});

describe("an agent's model usage", () => {
  it('shows in orc usage --json exactly as the scripted API reported it, with the cost the CLI computed', async () => {
    for (const word of Object.keys(USAGE)) {
      await orc(['send', id, `reply with ${word}`]);
      await eventually(async () => expect(await orc(['capture', id, '--lines', '40'])).toContain(`● ${word}`), { timeoutMs: 60_000 });
    }
    // Every model call the CLI made, as the scripted API answered it (side queries, if any, included).
    const calls = api.requests.filter((r) => r.path === '/v1/messages' && r.reply !== undefined && !('rateLimited' in r.reply));
    const reported = calls.map((r) => (r.reply && 'text' in r.reply ? (r.reply.usage ?? DEFAULT_USAGE) : DEFAULT_USAGE));
    const sum = (pick: (u: ReplyUsage) => number) => reported.reduce((total, u) => total + pick(u), 0);
    const expected = {
      requests: calls.length,
      inputTokens: sum((u) => u.input_tokens),
      outputTokens: sum((u) => u.output_tokens),
      cacheReadTokens: sum((u) => u.cache_read_input_tokens),
      cacheCreationTokens: sum((u) => u.cache_creation_input_tokens),
    };
    expect(expected.inputTokens).toBeGreaterThanOrEqual(3234);

    // The CLI sends its events every two seconds.
    const usage = await eventually(
      async () => {
        const summary = JSON.parse(await orc(['usage', '--agent', id, '--since', '1h', '--json'])) as Summary;
        expect(summary.total).toMatchObject(expected);
        return summary;
      },
      { timeoutMs: 30_000 },
    );
    expect(usage.rows.map((r) => r.key)).toEqual([id]);

    // Per model: the scripted replies went to the CLI's default model, whose prices are known.
    const byModel = JSON.parse(await orc(['usage', '--agent', id, '--since', '1h', '--by', 'model', '--json'])) as Summary;
    const opus = byModel.rows.find((r) => r.key === OPUS_5_5.model);
    if (!opus) throw new Error(`no ${OPUS_5_5.model} row in ${JSON.stringify(byModel.rows)}`);
    const opusCost = (opus.inputTokens * OPUS_5_5.input + opus.outputTokens * OPUS_5_5.output + opus.cacheCreationTokens * OPUS_5_5.cacheWrite + opus.cacheReadTokens * OPUS_5_5.cacheRead) / 1e6;
    expect(opus.costUsd).toBeGreaterThan(0);
    expect(opus.costUsd).toBeCloseTo(opusCost, 9);
    expect(usage.total.costUsd).toBeGreaterThanOrEqual(opus.costUsd);

    // The same for people: a table with the agent and its cost, by day.
    const table = await orc(['usage', '--team', team, '--since', '1h', '--by', 'day']);
    expect(table).toMatch(/^DAY\s+REQUESTS\s+INPUT\s+OUTPUT\s+CACHE READ\s+CACHE WRITE\s+COST/m);
    expect(table).toMatch(new RegExp(`^total\\s+${expected.requests}\\s+${expected.inputTokens.toLocaleString('en-US')}\\s`, 'm'));

    // The dashboard: the agent's tokens and cost today on the overview, its team's day on Analytics.
    const browser = await launchBrowser();
    try {
      const { context, page } = await signedInPage(browser, inject('orcUrl'), inject('adminToken'));
      await page.goto('/');
      const today = page.locator(`tr[data-agent="${id}"] td[data-usage-today]`);
      await expect.poll(() => today.textContent(), { timeout: 15_000 }).toBe(usageLine(usage.total));
      await screenshot(page, 'usage-overview');
      await page.goto('/analytics');
      const cost = page.locator('figure[data-chart="usage-cost"]');
      expect(await cost.locator('canvas').count()).toBe(1);
      const day = new Date().toISOString().slice(0, 10);
      expect(await cost.locator('table thead').textContent()).toContain(team);
      expect(await cost.locator('table tbody').textContent()).toContain(day);
      expect(await page.locator('figure[data-chart="usage-tokens"] table thead').textContent()).toContain(team);
      await screenshot(page, 'usage-analytics');
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('refuses options it cannot read, naming them', async () => {
    const since = await runOrc(['usage', '--since', 'last week']);
    expect(since.code).not.toBe(0);
    expect(since.stderr).toContain('--since "last week" is neither a duration nor a date');
    const by = await runOrc(['usage', '--by', 'host']);
    expect(by.stderr).toContain('--by "host" is not a grouping: use one of agent, team, day, model');
    const agent = await runOrc(['usage', '--agent', 'no-slash']);
    expect(agent.stderr).toContain('--agent:');
  });
});
