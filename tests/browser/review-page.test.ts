// The review page in a real browser: a worktree agent's diff drawn by diff2html, a comment on
// one of its lines sent as a message that reaches the agent's screen (cat stands in for the
// agent CLI and prints what it is sent), the team's check and an approval from their buttons, and
// the Merge button moving the project's main.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const baseUrl = inject('orcUrl');
const adminToken = inject('adminToken');
const team = uniqueName('review-page');
const id = `${team}/dev`;
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
let browser: Browser;
let project: string;

beforeAll(async () => {
  browser = await launchBrowser();
  project = await realpath(await mkdtemp(join(tmpdir(), 'orc-review-page-')));
  git(project, 'init', '-q', '-b', 'main');
  await writeFile(join(project, 'app.ts'), 'export const one = 1;\nexport const two = 2;\n');
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'initial');
  const spec = join(await mkdtemp(join(tmpdir(), 'orc-review-page-spec-')), 'team.yaml');
  await writeFile(spec, [`team: ${team}`, `project: ${project}`, 'check: test -f app.ts', 'agents:', '  - { name: dev, role: engineer, command: cat, workspace: worktree, gitCheckpoint: "off" }'].join('\n'));
  await orc(['team', 'deploy', spec]);
  const worktree = join(inject('dataDir'), 'hosts', 'test-host', 'worktrees', team, 'dev');
  await writeFile(join(worktree, 'app.ts'), 'export const one = 1;\nexport const added = "by the agent";\nexport const two = 2;\n');
  git(worktree, 'commit', '-q', '-am', 'add a constant');
});
afterAll(async () => {
  await runOrc(['team', 'stop', team]);
  await browser?.close();
});

describe('the review page', () => {
  it('shows the diff, sends a line comment that reaches the agent, and merges from the button', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.goto(`/agents/${id}/review`);
    const added = page.locator('.d2h-file-wrapper tr').filter({ has: page.locator('.d2h-ins .d2h-code-line-ctn', { hasText: 'by the agent' }) });
    await expect.poll(() => added.count(), { timeout: 60_000 }).toBe(1);
    expect(await page.locator('.d2h-file-name').first().textContent()).toContain('app.ts');
    expect(await page.getByRole('region', { name: 'Commits' }).textContent()).toContain('add a constant');
    // The split view draws it too.
    await page.getByRole('button', { name: 'Split' }).click();
    await expect.poll(() => page.locator('.d2h-file-side-diff').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Unified' }).click();

    await added.first().click();
    const box = page.getByLabel(/app\.ts line 2/);
    await box.fill('why a string? REVIEW-NOTE-1');
    await page.getByLabel('General comment').fill('nice and small');
    await page.getByRole('button', { name: 'Send comments as one message' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sent to the agent' }).count(), { timeout: 60_000 }).toBe(1);
    const screen = await orc(['capture', id, '--lines', '60']);
    expect(screen).toContain('app.ts line 2: "export const added = \\"by the agent\\";"');
    expect(screen).toContain('why a string? REVIEW-NOTE-1');
    expect(screen).toContain('General: nice and small');
    // Shown as sent, with whether the agent changed that file since.
    await expect.poll(() => page.getByRole('region', { name: 'Comments sent' }).textContent(), { timeout: 15_000 }).toContain('app.ts line 2: why a string? REVIEW-NOTE-1');
    expect(await page.getByRole('region', { name: 'Comments sent' }).textContent()).toContain('not changed since');
    await screenshot(page, 'review-page');

    // The team's check, run from its button, and an approval, both recorded on the page.
    await page.getByRole('button', { name: 'Run the check' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The check passed on' }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('latest-check').textContent(), { timeout: 15_000 }).toMatch(/Passed\s+on [0-9a-f]{12}/);
    await page.getByRole('button', { name: 'Approve this change' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Approved by' }).count(), { timeout: 60_000 }).toBe(1);

    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Merged into main (squash)' }).count(), { timeout: 60_000 }).toBe(1);
    expect(git(project, 'show', 'main:app.ts')).toContain('by the agent');
    expect(await readFile(join(project, 'app.ts'), 'utf8')).toContain('by the agent');
    expect(git(project, 'log', '-1', '--format=%b', 'main')).toContain('Merged-by: ');
    expect(git(project, 'log', '-1', '--format=%b', 'main')).toMatch(/Approved-by: .+\nChecked-on: [0-9a-f]{40}/);
    await context.close();
  });
});
