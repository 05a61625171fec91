// The journey the dashboard promises a newcomer, in one go and in a real browser: sign in by
// typing the admin token, deploy a team from the form whose engineer is the stock
// `claude-code` profile (the real Claude Code CLI, found on the worker's PATH, talking to a
// scripted model on loopback), see its permission request arrive in the inbox, approve it
// always, and watch the agent go on; a later command of the same kind runs with nobody asked.
// It runs on a stack of its own, because the worker's environment is what points the stock
// profile at the scripted model.
import { access, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../../testing/browser.ts';
import { claudeBinaryPath, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { startOwnStack, type OwnStack } from '../../testing/own-stack.ts';
import { uniqueName } from '../../testing/run-orc.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('journey');
const FIRST = 'touch journey-first.txt';
const SECOND = 'touch journey-second.txt';
let api: ScriptedMessagesApi;
let own: OwnStack;
let browser: Browser;
let projectDir: string;

beforeAll(async () => {
  api = await startScriptedMessagesApi(bashOnTrigger({ 'RUN-FIRST': FIRST, 'RUN-SECOND': SECOND }));
  projectDir = await mkdtemp(join(tmpdir(), 'orc-journey-project-'));
  const claudeEnv = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [projectDir] });
  own = await startOwnStack('journey', { env: { ...claudeEnv, PATH: `${dirname(claudeBinaryPath())}:${process.env.PATH ?? ''}` }, temporalUi: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await own?.runOrc(['team', 'stop', team]);
  await browser?.close();
  await own?.stop();
  await api?.close();
});

const fileExists = (path: string) => access(path).then(() => true, () => false);

describe('a newcomer', () => {
  it('signs in, deploys a Claude Code team from the form and answers its permission request from the inbox', async () => {
    const adminToken = (await readFile(own.stack.adminTokenFile, 'utf8')).trim();
    const context = await browser.newContext({ baseURL: own.stack.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    // Any page sends a visitor without a session to sign in.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/signin');
    await page.getByLabel('Token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await page.getByRole('link', { name: 'Teams' }).click();
    await page.waitForURL((url) => url.pathname === '/teams');
    await expect.poll(() => page.locator('.live.on').count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Team name').fill(team);
    await page.getByLabel('Project directory').fill(projectDir);
    await page.getByLabel('Agent 1 name').fill('dev');
    await page.getByLabel('Agent 1 role').selectOption('engineer');
    await page.getByLabel('Agent 1 profile').selectOption('claude-code');
    // The brief is the agent's first message; the scripted model answers it with a Bash command.
    await page.getByLabel('Agent 1 brief').fill('RUN-FIRST to start the project');
    await page.getByRole('button', { name: 'Deploy team' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is running' }).textContent(), { timeout: 90_000 }).toContain(`Team ${team} is running`);

    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.waitForURL((url) => url.pathname === '/approvals');
    const request = page.locator('[data-request]', { hasText: FIRST });
    await expect.poll(() => request.count(), { timeout: 90_000 }).toBe(1);
    expect(await request.textContent()).toContain(`${team}/dev`);
    await screenshot(page, 'journey-approval');
    await request.getByRole('button', { name: 'Approve always' }).click();

    // The agent goes on: its command ran in the project, and Claude Code keeps the rule itself.
    await expect.poll(() => fileExists(join(projectDir, 'journey-first.txt')), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => request.count(), { timeout: 10_000 }).toBe(0);
    const localSettings = await readFile(join(projectDir, '.claude', 'settings.local.json'), 'utf8');
    expect(localSettings).toContain('Bash(touch');

    // The next command of the same kind, asked for from the agent's page, runs with nobody asked.
    await page.goto(`/agents/${team}/dev`);
    await expect.poll(() => page.locator('.live.on').count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel(`Message to ${team}/dev`).fill('RUN-SECOND now');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => fileExists(join(projectDir, 'journey-second.txt')), { timeout: 60_000 }).toBe(true);
    const pending = JSON.parse(await own.orc(['approvals', '--json'])) as unknown[];
    expect(pending).toEqual([]);
    await screenshot(page, 'journey-agent');

    // The agent's page links to its workflow in the Temporal Web UI, which shows it running.
    const workflowLink = page.getByRole('link', { name: `agent/${team}/dev in Temporal UI` });
    const [temporalPage] = await Promise.all([context.waitForEvent('page'), workflowLink.click()]);
    await temporalPage.waitForLoadState();
    await expect.poll(() => temporalPage.locator('body').textContent(), { timeout: 30_000 }).toContain(`agent/${team}/dev`);
    await expect.poll(() => temporalPage.locator('body').textContent(), { timeout: 30_000 }).toMatch(/Running/i);
    await screenshot(temporalPage, 'journey-temporal-ui');
    await context.close();
  });
});
