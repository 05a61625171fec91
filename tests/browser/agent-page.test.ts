// The agent page in a real browser: its live screen (a real bash agent in tmux, read through
// the agents.screen subscription into xterm), sending it a message, scheduling and cancelling a
// check-in, and a viewer who watches the screen but gets no controls.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const baseUrl = inject('orcUrl');
const adminToken = inject('adminToken');
const team = uniqueName('page');
const id = `${team}/dev`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const projectDir = await mkdtemp(join(tmpdir(), 'orc-agent-page-'));
  await orc(['agent', 'start', id, '--project', projectDir, '--cmd', 'bash --norc --noprofile']);
});
afterAll(async () => {
  await runOrc(['agent', 'stop', id]);
  await browser?.close();
});

describe('the agent page', () => {
  it('shows the live screen, sends a message whose output appears there, and schedules and cancels a check-in', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.goto(`/agents/${id}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toContain('idle');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'live screen' }).count(), { timeout: 15_000 }).toBe(1);

    await page.getByLabel(`Message to ${id}`).fill('echo hello-from-the-browser');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Delivered and confirmed' }).count(), { timeout: 30_000 }).toBe(1);
    // The command line and its output: the word appears twice in the terminal's rows.
    await expect
      .poll(async () => ((await page.locator('.xterm-rows').textContent()) ?? '').split('hello-from-the-browser').length - 1, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    // Colours come through: red text is drawn red (xterm's DOM renderer marks it with a class).
    await page.getByLabel(`Message to ${id}`).fill("printf '\\033[31m%s\\033[0m\\n' red-words");
    await page.getByRole('button', { name: 'Send' }).click();
    // Under a loaded CI machine, delivery and the screen stream's next frame can take a while.
    await expect.poll(() => page.locator('.xterm-rows span.xterm-fg-1').filter({ hasText: 'red-words' }).count(), { timeout: 45_000 }).toBe(1);
    // The message is in the recent messages, too.
    await expect.poll(() => page.getByRole('region', { name: 'Recent messages' }).textContent(), { timeout: 10_000 }).toContain('echo hello-from-the-browser');

    // A wrong duration is refused next to the form, in the CLI's words.
    await page.getByLabel('In', { exact: true }).fill('90');
    await page.getByLabel('Note').fill('look at the build');
    await page.getByRole('button', { name: 'Schedule check-in' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'has no unit' }).count()).toBe(1);

    await page.getByLabel('In', { exact: true }).fill('2h');
    await page.getByRole('button', { name: 'Schedule check-in' }).click();
    const checkins = page.getByRole('region', { name: 'Check-ins' });
    await expect.poll(() => checkins.textContent(), { timeout: 10_000 }).toContain('look at the build');
    await expect.poll(() => checkins.textContent()).toContain('in 1h 59m');
    await screenshot(page, 'agent-page');

    await page.getByRole('button', { name: 'Cancel check-in: look at the build' }).click();
    await expect.poll(() => checkins.textContent(), { timeout: 10_000 }).toContain('No check-ins scheduled');
    await context.close();
  });

  it('lets a viewer watch the screen but shows no action controls', async () => {
    const viewerToken = (await orc(['token', 'create', '--role', 'viewer', '--name', uniqueName('watcher')])).trim();
    const { context, page } = await signedInPage(browser, baseUrl, viewerToken);
    await page.goto(`/agents/${id}`);
    await expect.poll(() => page.locator('.xterm-rows').textContent(), { timeout: 15_000 }).toContain('hello-from-the-browser');
    expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Stop|Restart|Schedule|Cancel/ }).count()).toBe(0);
    await screenshot(page, 'agent-page-viewer');
    await context.close();
  });

  it('restarts the agent (a fresh screen) and stops it after a confirm step', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.goto(`/agents/${id}`);
    const rows = page.locator('.xterm-rows');
    await expect.poll(() => rows.textContent(), { timeout: 15_000 }).toContain('hello-from-the-browser');
    await page.getByRole('button', { name: 'Restart' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Restarted.' }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => rows.textContent(), { timeout: 15_000 }).not.toContain('hello-from-the-browser');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toContain('idle');

    await page.getByRole('button', { name: 'Stop…' }).click();
    await page.getByRole('button', { name: 'Keep it running' }).click();
    await page.getByRole('button', { name: 'Stop…' }).click();
    await page.getByRole('button', { name: 'Yes, stop it' }).click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
    expect(await page.locator(`tr[data-agent="${id}"]`).count()).toBe(0);
    await context.close();
  });
});
