// The dashboard in a real browser: signing in (and being refused), the overview showing an
// agent's live state change without a reload, and the session cookie's protections.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const baseUrl = inject('orcUrl');
const adminToken = inject('adminToken');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  it('sends a visitor without a session to the sign-in page and refuses a wrong token with a clear message', async () => {
    const page = await browser.newPage({ baseURL: baseUrl });
    await page.goto('/approvals');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await screenshot(page, 'signin');
    await page.getByLabel('Token').fill('orc_adm_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.close();
  });

  it('keeps a session id, never the token, in an httpOnly, SameSite=Strict cookie; signing out ends the session on the server', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'orc_session', httpOnly: true, sameSite: 'Strict' });
    expect(cookie?.value).not.toContain(adminToken);
    expect(cookie?.value).not.toMatch(/^orc_/);
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
    expect(await page.evaluate(() => document.cookie)).not.toContain('orc_session');
    const withCookie = () => fetch(`${baseUrl}/api/trpc/agents.status`, { headers: { cookie: `orc_session=${cookie?.value ?? ''}` } });
    expect((await withCookie()).status).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/signin');
    // A copy of the cookie taken before signing out no longer works either.
    const after = await withCookie();
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('the session has ended');
    // The admin token itself stays valid.
    expect((await fetch(`${baseUrl}/api/trpc/agents.status`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(200);
    await context.close();
  });

  it('does not accept the token itself as the session cookie', async () => {
    const response = await fetch(`${baseUrl}/api/trpc/agents.status`, { headers: { cookie: `orc_session=${adminToken}` } });
    expect(response.status).toBe(401);
  });

  it('does not show the data dir on the sign-in page', async () => {
    const page = await browser.newPage({ baseURL: baseUrl });
    await page.goto('/signin');
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain('admin-token');
    expect(text).not.toContain(inject('dataDir'));
    expect(await page.content()).not.toContain(inject('dataDir'));
    await page.close();
  });

  it.each([
    ['/\\evil.example', '/'],
    ['//evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/approvals?x=1', '/approvals?x=1'],
  ])('after sign-in, sends to=%j to %j on this site', async (to, location) => {
    const response = await fetch(`${baseUrl}/signin?to=${encodeURIComponent(to)}`, {
      method: 'POST',
      redirect: 'manual',
      // As a browser's form post: HTML accepted (else SvelteKit answers in JSON for its own script).
      headers: { origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: adminToken }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(location);
  });

  it('lands on this site, not on the crafted target, in a real browser', async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    await page.goto(`/signin?to=${encodeURIComponent('/\\evil.example')}`);
    await page.getByLabel('Token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin);
    await context.close();
  });

  it('refuses a cookie-authenticated API write from another origin', async () => {
    const { context } = await signedInPage(browser, baseUrl, adminToken);
    const [cookie] = await context.cookies();
    const response = await fetch(`${baseUrl}/api/trpc/tokens.create`, {
      method: 'POST',
      headers: { cookie: `orc_session=${cookie?.value ?? ''}`, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin', name: 'stolen' }),
    });
    expect(response.status).toBe(403);
    await context.close();
  });
});

describe('the overview', () => {
  const team = uniqueName('web');
  const id = `${team}/dev`;
  let projectDir: string;

  beforeAll(async () => {
    projectDir = await mkdtemp(join(tmpdir(), 'orc-web-project-'));
  });
  afterAll(async () => {
    await runOrc(['agent', 'stop', id]);
  });

  it('shows a running agent and its state changing live, without a reload', async () => {
    await orc(['agent', 'start', id, '--project', projectDir, '--cmd', 'bash --norc --noprofile']);
    const { context, page } = await signedInPage(browser, baseUrl, adminToken);
    const row = page.locator(`tr[data-agent="${id}"]`);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('idle');
    await expect.poll(() => page.locator('.live').textContent()).toContain('live');
    await screenshot(page, 'overview');

    // Stopping the agent elsewhere: the row goes away on its own.
    await orc(['agent', 'stop', id]);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await context.close();
  });
});

describe('a viewer', () => {
  it('can read but the API refuses its writes', async () => {
    const viewerToken = (await orc(['token', 'create', '--role', 'viewer', '--name', 'browser-test'])).trim();
    expect(viewerToken).toMatch(/^orc_view_/);
    const { context, page } = await signedInPage(browser, baseUrl, viewerToken);
    await expect.poll(() => page.locator('header .me').textContent()).toContain('viewer');
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/trpc/tokens.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin', name: 'escalate' }) });
      return { status: response.status, body: await response.text() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('admin token');
    await context.close();
  });
});
