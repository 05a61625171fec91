// The approvals inbox, rules and analytics pages in a real browser, with a real Claude Code
// agent (scripted model on loopback) whose Bash command waits for a person: an admin sees it
// arrive and approves it with one click, the command runs and the request leaves the list by
// itself; a viewer sees the same request with nothing to press; a request nobody answered in
// time is shown as answerable in the agent's own dialog, and approving it presses the key.
// Rules are added (a bad one refused with the server's reason), disabled and deleted; the
// analytics charts render with their text tables.
import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { bashOnTrigger } from '../../testing/scripted-bash.ts';
import { startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const baseUrl = inject('orcUrl');
const adminToken = inject('adminToken');
const team = uniqueName('inbox');
const agent = `${team}/dev`;
const COMMAND = 'touch inbox-approved.txt';
const DENIED_COMMAND = 'touch inbox-denied.txt';
const LATE_COMMAND = 'touch inbox-late.txt';
let browser: Browser;
let api: ScriptedMessagesApi;
let projectDir: string;
let viewerToken: string;

beforeAll(async () => {
  browser = await launchBrowser();
  api = await startScriptedMessagesApi(bashOnTrigger({ 'RUN-TOUCH': COMMAND, 'RUN-DENIED': DENIED_COMMAND, 'RUN-LATE': LATE_COMMAND }));
  projectDir = await mkdtemp(join(tmpdir(), 'orc-inbox-project-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [projectDir] });
  await orc(['agent', 'start', agent, '--project', projectDir, '--cmd', claudeTestCommand(), ...envFlags(env)]);
  viewerToken = (await orc(['token', 'create', '--role', 'viewer', '--name', `${team}-viewer`])).trim();
});

afterAll(async () => {
  await runOrc(['agent', 'stop', agent]);
  await api?.close();
  await browser?.close();
});

async function idle(): Promise<void> {
  await expect
    .poll(async () => (JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>).find((a) => a.id === agent)?.state, { timeout: 60_000 })
    .toBe('idle');
}

const fileExists = (path: string) => access(path).then(() => true, () => false);

describe('the approvals inbox', () => {
  it('shows a new request live; a viewer gets no buttons; Approve once lets the command run and the request leaves the list', async () => {
    const admin = await signedInPage(browser, baseUrl, adminToken);
    const viewer = await signedInPage(browser, baseUrl, viewerToken);
    await admin.page.goto('/approvals');
    await viewer.page.goto('/approvals');
    await expect.poll(() => admin.page.locator('.live').textContent()).toContain('live');

    expect(await orc(['send', agent, 'RUN-TOUCH please'])).toContain('confirmed');
    const request = admin.page.locator('[data-request]', { hasText: COMMAND });
    await expect.poll(() => request.count(), { timeout: 60_000 }).toBe(1);
    expect(await request.textContent()).toContain(agent);
    expect(await request.textContent()).toContain('Bash');
    expect(await request.locator(`a[href="/agents/${agent}"]`).count()).toBe(1);
    await expect.poll(() => admin.page.title()).toMatch(/^\(1\) Approvals/);
    expect(await admin.page.getByRole('button', { name: 'Notify me of new requests' }).count()).toBe(1);

    const seenByViewer = viewer.page.locator('[data-request]', { hasText: COMMAND });
    await expect.poll(() => seenByViewer.count(), { timeout: 15_000 }).toBe(1);
    expect(await viewer.page.getByRole('button', { name: 'Approve once' }).count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: 'Deny' }).count()).toBe(0);
    await screenshot(admin.page, 'approvals');

    await request.getByRole('button', { name: 'Approve once' }).click();
    // The agent goes on: its command created the file in the project.
    await expect.poll(() => fileExists(join(projectDir, 'inbox-approved.txt')), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => request.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => viewer.page.locator('[data-request]', { hasText: COMMAND }).count(), { timeout: 10_000 }).toBe(0);
    const answered = admin.page.locator('tr[data-decided]', { hasText: COMMAND });
    await expect.poll(() => answered.textContent(), { timeout: 10_000 }).toContain('allowed');
    await screenshot(admin.page, 'approvals-answered');
    await admin.context.close();
    await viewer.context.close();
  });

  it('notifies of a new request and answers the selected one from the keyboard, but not while a reason is being typed', async () => {
    await idle();
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    // Headless Chromium shows no notifications: the real API is used, and watched on its way.
    await context.grantPermissions(['notifications'], { origin: baseUrl });
    await context.addInitScript(() => {
      const shown: Array<{ title: string; body: string | undefined }> = [];
      Object.assign(window, { shownNotifications: shown });
      window.Notification = new Proxy(window.Notification, {
        construct(target, args: [string, NotificationOptions?]) {
          shown.push({ title: args[0], body: args[1]?.body });
          return Reflect.construct(target, args) as object;
        },
      });
    });
    await page.goto('/approvals');
    await expect.poll(() => page.locator('.live').textContent()).toContain('live');
    expect(await page.getByText('Notifications on for new requests').count()).toBe(1);
    expect(await orc(['send', agent, 'RUN-DENIED please'])).toContain('confirmed');
    const request = page.locator('[data-request]', { hasText: DENIED_COMMAND });
    await expect.poll(() => request.count(), { timeout: 60_000 }).toBe(1);
    const notifications = () => page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body?: string }> }).shownNotifications);
    await expect.poll(notifications).toEqual([{ title: 'orc: approval needed', body: `${agent}: Bash ${DENIED_COMMAND}` }]);

    // Typing "d" (and "a") into the reason is text, not a shortcut.
    await request.getByLabel(/Reason/).pressSequentially('do it in a sandbox');
    expect(await request.getByLabel(/Reason/).inputValue()).toBe('do it in a sandbox');
    expect(await request.count()).toBe(1);
    // Back on the request (a click on it selects it), "d" denies it with that reason.
    await request.locator('pre').click();
    expect(await request.textContent()).toContain('selected');
    await page.keyboard.press('d');
    await expect.poll(() => request.count(), { timeout: 15_000 }).toBe(0);
    const answered = page.locator('tr[data-decided]', { hasText: DENIED_COMMAND });
    await expect.poll(() => answered.textContent(), { timeout: 10_000 }).toContain('denied');
    expect(await answered.textContent()).toContain('do it in a sandbox');
    expect(await fileExists(join(projectDir, 'inbox-denied.txt'))).toBe(false);
    await context.close();
  });

  it("shows a request nobody answered in time as in the agent's own dialog; approving it then presses the key", async () => {
    await idle();
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.goto('/approvals');
    await expect.poll(() => page.locator('.live').textContent()).toContain('live');
    expect(await orc(['send', agent, 'RUN-LATE please'])).toContain('confirmed');
    const request = page.locator('[data-request]', { hasText: LATE_COMMAND });
    await expect.poll(() => request.count(), { timeout: 60_000 }).toBe(1);
    // The wait for a person (20 s here) runs out; the page says so by itself, with no reload.
    await expect.poll(() => request.textContent(), { timeout: 40_000 }).toContain("answering presses the key in the agent's own dialog");
    await screenshot(page, 'approvals-in-dialog');
    await request.getByRole('button', { name: 'Approve once' }).click();
    await expect.poll(() => fileExists(join(projectDir, 'inbox-late.txt')), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => request.count(), { timeout: 10_000 }).toBe(0);
    await context.close();
  });
});

describe('the rules page', () => {
  it('refuses a bad rule with the server\'s reason, adds a good one, disables and deletes it', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.goto('/rules');
    const rule = 'Bash(npm run inbox-lint *)';

    // A project rule with no project dir: the server's message shows by the project field.
    await page.getByLabel('Rule', { exact: true }).fill(rule);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.locator('#project-problem').textContent()).toContain('scope project needs the project dir');
    // Bad syntax: by the rule field, and nothing saved.
    await page.getByLabel('Rule', { exact: true }).fill('Bash(npm run inbox-lint');
    await page.getByLabel('Project dir').fill(projectDir);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.locator('#rule-problem').textContent()).toContain('not closed with ")"');
    expect(await page.locator('tr[data-rule]', { hasText: 'inbox-lint' }).count()).toBe(0);

    await page.getByLabel('Rule', { exact: true }).fill(rule);
    await page.getByLabel('deny').check();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const row = page.locator('tr[data-rule]', { hasText: rule });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('active');
    expect(await row.textContent()).toContain('deny');
    expect(await row.textContent()).toContain(projectDir);
    expect(await page.locator('#rule-problem').textContent()).toBe('');

    await row.getByRole('button', { name: `Disable ${rule}` }).click();
    await expect.poll(() => row.textContent()).toContain('disabled');
    const listed = JSON.parse(await orc(['rules', 'list', '--json'])) as Array<{ rule: string }>;
    expect(listed.map((r) => r.rule)).not.toContain(rule);
    await screenshot(page, 'rules');

    await row.getByRole('button', { name: `Enable ${rule}` }).click();
    await expect.poll(() => row.textContent()).toContain('active');
    await row.getByRole('button', { name: `Delete ${rule}` }).click();
    await row.getByRole('button', { name: `Yes, delete ${rule}` }).click();
    await expect.poll(() => row.count()).toBe(0);
    await context.close();
  });

  it('shows a viewer the rules but no form or buttons', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, viewerToken);
    await page.goto('/rules');
    expect(await page.getByRole('heading', { name: 'All rules' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add rule' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Disable|^Delete/ }).count()).toBe(0);
    await context.close();
  });
});

describe('the analytics page', () => {
  it('draws the charts, each with a table of the same numbers, and the per-agent figures', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await orc(['rules', 'add', 'Bash(npm run inbox-chart *)', '--allow', '--scope', 'global']);
    // The requests come from the approvals tests above: three, all answered by a person (one
    // after its wait ran out).
    await page.goto('/analytics');
    for (const chart of ['autonomy', 'decisions', 'rules-learned', 'messages']) {
      const figure = page.locator(`figure[data-chart="${chart}"]`);
      expect(await figure.locator('canvas').count(), chart).toBe(1);
      // chart.js drew something: the canvas has a size.
      expect((await figure.locator('canvas').boundingBox())?.height ?? 0, chart).toBeGreaterThan(100);
      expect(await figure.locator('table tbody tr').count(), chart).toBeGreaterThan(0);
    }
    const today = new Date().toISOString().slice(0, 10);
    expect(await page.locator('figure[data-chart="decisions"] table').textContent()).toContain(today);
    expect(await page.locator('figure[data-chart="messages"] table').textContent()).toContain(agent);
    const perAgent = page.locator(`section tr[data-agent="${agent}"]`);
    // Three requests, all decided by a person, one of them denied: 0% autonomy for this agent.
    // Agent, requests, by rules, by people, denied, unanswered, waiting, rules taught, index.
    expect(await perAgent.locator('td').allTextContents()).toEqual([agent, '3', '0', '3', '1', '0', '0', '0', '0%']);
    await screenshot(page, 'analytics');
    await context.close();
  });
});
