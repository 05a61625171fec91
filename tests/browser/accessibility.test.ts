// Basic accessibility of every page, in both colour schemes: names on every control, one h1,
// a language, text contrast of at least 4.5:1, and the keyboard reaching the content first
// through the skip link. Screenshots of each page in the dark scheme too.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityProblems } from '../../testing/accessibility.ts';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const baseUrl = inject('orcUrl');
const adminToken = inject('adminToken');
const team = uniqueName('a11y');
const agent = `${team}/dev`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const project = await mkdtemp(join(tmpdir(), 'orc-a11y-'));
  await orc(['agent', 'start', agent, '--project', project, '--cmd', 'bash --norc --noprofile']);
});
afterAll(async () => {
  await runOrc(['agent', 'stop', agent]);
  await browser?.close();
});

const PAGES = ['/', '/approvals', '/rules', '/analytics', '/log', '/teams', '/settings/notifications', `/agents/${agent}`];

describe.each(['light', 'dark'] as const)('every page in the %s scheme', (scheme) => {
  it('has named controls, one h1, a language and readable contrast', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    await page.emulateMedia({ colorScheme: scheme });
    const found: Record<string, unknown[]> = {};
    for (const path of PAGES) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      const problems = await accessibilityProblems(page);
      if (problems.length > 0) found[path] = problems;
      if (scheme === 'dark') await screenshot(page, `dark${path === '/' ? '-overview' : path.split('/').slice(0, 2).join('-')}`);
    }
    expect(found).toEqual({});
    await context.close();
  });
});

describe('the sign-in page', () => {
  it('is usable with the keyboard alone and passes the same checks', async () => {
    const page = await browser.newPage({ baseURL: baseUrl });
    await page.goto('/signin');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
    await page.keyboard.type(adminToken);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    // The first Tab on a dashboard page lands on the skip link, which moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});

describe('the checker itself', () => {
  it('finds a nameless button, a missing lang and h1, and pale text', async () => {
    const page = await browser.newPage();
    await page.setContent('<body><p style="color:#bbb">pale words</p><button></button><input id="x"></body>');
    const kinds = (await accessibilityProblems(page)).map((p) => `${p.kind}: ${p.element.split(' ')[0]}`);
    expect(kinds).toEqual(expect.arrayContaining(['structure: html', 'structure: h1', 'contrast: p', 'name: button', 'name: input#x']));
    await page.close();
  });
});
