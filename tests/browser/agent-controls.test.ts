// The agent page's controls in a real browser, on the real Claude Code (scripted Messages API):
// Interrupt stops a working agent and the page says what its screen showed; plan mode chosen
// from the select shows on its screen; a bash agent's page says it has no controls.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { defaultScript, startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const baseUrl = inject('orcUrl');
const adminToken = inject('adminToken');
const team = uniqueName('pagectl');
const claude = `${team}/claude`;
const shell = `${team}/shell`;
let browser: Browser;
let api: ScriptedMessagesApi;

beforeAll(async () => {
  browser = await launchBrowser();
  api = await startScriptedMessagesApi((ctx) => (/think slowly/.test(ctx.lastUserText ?? '') ? { text: 'finally done', delayMs: 120_000 } : defaultScript(ctx)));
  const project = await mkdtemp(join(tmpdir(), 'orc-page-controls-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  await orc(['agent', 'start', claude, '--project', project, '--cmd', claudeTestCommand(), ...envFlags(env)]);
  await orc(['agent', 'start', shell, '--project', project, '--cmd', 'bash --norc --noprofile']);
});
afterAll(async () => {
  await runOrc(['agent', 'stop', claude]);
  await runOrc(['agent', 'stop', shell]);
  await browser?.close();
  await api?.close();
});

describe("the agent page's controls", () => {
  it('interrupts a working Claude Code agent and switches it to plan mode', async () => {
    await orc(['send', claude, 'think slowly about the design']);
    await eventually(async () => expect(await orc(['capture', claude])).toContain('esc to interrupt'));
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.goto(`/agents/${claude}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toContain('working');

    await page.getByRole('button', { name: 'Interrupt' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'interrupted its turn' }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toContain('idle');
    expect(await orc(['capture', claude])).not.toContain('esc to interrupt');

    await page.getByLabel('Permission mode').selectOption('plan');
    await page.getByRole('button', { name: 'Switch mode', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'its footer shows plan mode' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await orc(['capture', claude])).toContain('⏸ plan mode on');
    await screenshot(page, 'agent-controls');
    await context.close();
  });

  it("says a generic CLI's agent has no controls, and shows no buttons for them", async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.goto(`/agents/${shell}`);
    const controls = page.getByRole('region', { name: 'Controls' });
    await expect.poll(() => controls.textContent(), { timeout: 15_000 }).toContain('runs a CLI orc has no controls for');
    expect(await controls.getByRole('button').count()).toBe(0);
    await context.close();
  });
});
