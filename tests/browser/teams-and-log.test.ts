// The teams and log pages in a real browser: deploying a team from the form (two shell
// agents) and seeing it on /teams and the overview; a spec with mistakes listing each problem
// with its path and starting nothing; a message sent with `orc send` found on /log by its
// words; stopping the team from its page.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const baseUrl = inject('orcUrl');
const adminToken = inject('adminToken');
const team = uniqueName('webteam');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let projectDir: string;

/** Opens a page and waits until it is live (hydrated, subscribed), as a person would see it. */
async function open(path: string): Promise<void> {
  await page.goto(path);
  await expect.poll(() => page.locator('.live.on').count(), { timeout: 15_000 }).toBe(1);
}

beforeAll(async () => {
  projectDir = await mkdtemp(join(tmpdir(), 'orc-web-team-'));
  browser = await launchBrowser();
  ({ context, page } = await signedInPage(browser, baseUrl, adminToken));
});
afterAll(async () => {
  await runOrc(['team', 'stop', team]);
  await context?.close();
  await browser?.close();
});

describe('teams and the log', () => {
  it('deploys a team of two shell agents from the form and shows it on /teams and the overview', async () => {
    await open('/teams');
    await page.getByLabel('Team name').fill(team);
    await page.getByLabel('Project directory').fill(projectDir);
    await page.getByLabel('Agent 1 name').fill('lead');
    await page.getByLabel('Agent 1 role').selectOption('project-manager');
    await page.getByLabel('Agent 1 profile').selectOption('shell');
    await page.getByRole('button', { name: 'Add an agent' }).click();
    await page.getByLabel('Agent 2 name').fill('dev');
    await page.getByLabel('Agent 2 role').selectOption('engineer');
    await page.getByLabel('Agent 2 profile').selectOption('shell');
    await page.getByRole('button', { name: 'Deploy team' }).click();

    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is running' }).textContent(), { timeout: 60_000 }).toContain(`Team ${team} is running`);
    const card = page.locator(`article[data-team="${team}"]`);
    await expect.poll(() => card.locator(`tr[data-agent="${team}/dev"]`).textContent()).toContain('engineer');
    // The engineer reports to the project manager of its team.
    expect(await card.locator(`tr[data-agent="${team}/dev"]`).textContent()).toContain('lead');
    expect(await card.locator(`tr[data-agent="${team}/lead"]`).textContent()).toContain('project-manager');
    await screenshot(page, 'teams');

    await page.goto('/');
    await expect.poll(() => page.locator(`tr[data-agent="${team}/dev"]`).textContent(), { timeout: 15_000 }).toContain('engineer');
    expect(await page.locator(`tr[data-agent="${team}/lead"]`).count()).toBe(1);
  });

  it('lists the form\'s problems by field and keeps what was typed', async () => {
    await open('/teams');
    await page.getByLabel('Team name').fill('Bad Name');
    await page.getByLabel('Project directory').fill('relative/dir');
    await page.getByLabel('Check-in cadence').fill('soon');
    await page.getByLabel('Agent 1 name').fill('dev');
    await page.getByRole('button', { name: 'Deploy team' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'was not started' });
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('team: team name "Bad Name" is invalid');
    const text = await alert.textContent();
    expect(text).toContain('project: give the full path');
    expect(text).toContain('agents[0].checkin:');
    expect(await page.getByLabel('Team name').inputValue()).toBe('Bad Name');
    expect(await page.getByLabel('Agent 1 name').inputValue()).toBe('dev');
  });

  it('lists every problem of an uploaded spec with its path and starts nothing', async () => {
    const broken = uniqueName('broken');
    await open('/teams');
    await page.getByLabel('Or paste it').fill(`team: ${broken}\nproject: ${projectDir}\nagents:\n  - name: a\n    role: enginer\n  - name: a\n    role: qa\n    profil: shell\n`);
    await page.getByRole('button', { name: 'Deploy spec' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'was not started' });
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('3 problems');
    const text = await alert.textContent();
    expect(text).toContain('agents[0].role: unknown role "enginer"');
    expect(text).toContain('agents[1].name: duplicate agent name "a"');
    expect(text).toContain('agents[1].profil: unknown field; did you mean "profile"?');
    // What was pasted stays, to be fixed in place.
    expect(await page.getByLabel('Or paste it').inputValue()).toContain('enginer');
    const teams = JSON.parse(await orc(['team', 'list', '--json'])) as { team: string }[];
    expect(teams.map((t) => t.team)).not.toContain(broken);
  });

  it('finds a message sent with orc send on /log through the search box, with the search in the URL', async () => {
    const words = uniqueName('hello-from-the-test');
    await orc(['send', `${team}/dev`, `echo ${words}`]);
    await open('/log');
    await page.getByLabel('Search').fill(words);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === words);
    const rows = page.locator('table.log tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain(`echo ${words}`);
    expect(row).toContain(`${team}/dev`);
    await screenshot(page, 'log');

    // The filtered view is a link: opening it again shows the same one message.
    await page.goto(`/log?q=${encodeURIComponent(words)}&team=${team}`);
    await expect.poll(() => rows.count()).toBe(1);
    // A long message starts folded, with a button to unfold it.
    const long = `${words}-long ${'lorem ipsum dolor sit amet '.repeat(20)}`;
    await orc(['send', `${team}/lead`, `: ${long}`]);
    await open(`/log?agent=${team}/lead&q=${encodeURIComponent(`${words}-long`)}`);
    expect(await page.getByLabel('Agent').inputValue()).toBe(`${team}/lead`);
    const unfold = page.getByRole('button', { name: /show all/ });
    await expect.poll(() => unfold.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('false');
    await unfold.click();
    expect(await page.getByRole('button', { name: 'show less' }).getAttribute('aria-expanded')).toBe('true');

    await page.goto(`/log?q=${encodeURIComponent(words)}-nothing-like-this`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No messages' }).count()).toBe(1);
  });

  it('stops the team from its page after a confirmation', async () => {
    await open('/teams');
    const card = page.locator(`article[data-team="${team}"]`);
    await card.getByRole('button', { name: `Stop team ${team}` }).click();
    await card.getByRole('button', { name: `Yes, stop ${team}` }).click();
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(0);
    const teams = JSON.parse(await orc(['team', 'list', '--json'])) as { team: string }[];
    expect(teams.map((t) => t.team)).not.toContain(team);
  });

  it('shows a viewer the teams without the deploy and stop controls', async () => {
    const viewerToken = (await orc(['token', 'create', '--role', 'viewer', '--name', 'teams-viewer'])).trim();
    const viewer = await signedInPage(browser, baseUrl, viewerToken);
    await viewer.page.goto('/teams');
    await expect.poll(() => viewer.page.getByRole('heading', { name: 'Running teams' }).count()).toBe(1);
    expect(await viewer.page.getByRole('button', { name: /Deploy|Stop team/ }).count()).toBe(0);
    // Posting the form anyway is refused before anything is read or started.
    const refused = await viewer.page.evaluate(async () => {
      const body = new FormData();
      body.set('team', 'sneaky');
      const response = await fetch('/teams?/create', { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } });
      return response.text();
    });
    expect(refused).toContain('only an admin can deploy a team');
    await viewer.context.close();
  });
});
