// Settings › Notifications in a real browser: an admin adds a signed webhook to a receiver on
// loopback from the form, sends it a test event and sees the receiver's answer and the try
// listed, then removes it after a confirmation; a URL with credentials is refused with the
// server's reason; a viewer is told the page is for admins.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/client.ts';
import { issueToken } from '../../db/tokens.ts';
import { launchBrowser, screenshot, signedInPage } from '../../testing/browser.ts';

const baseUrl = inject('orcUrl');
let browser: Browser;
let server: Server;
let receiverUrl: string;
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/from-the-page`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('Settings › Notifications', () => {
  it('adds, tests and removes a webhook; refuses credentials in its URL', async () => {
    const { context, page } = await signedInPage(browser, baseUrl, inject('adminToken'));
    await page.goto('/settings/notifications');
    await page.getByLabel('URL').fill('https://user:pw@example.com/x');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'no user name or password' }).count()).toBe(1);

    await page.getByLabel('URL').fill(receiverUrl);
    await page.getByLabel('needs-person').check();
    await page.getByLabel('Signing secret').fill('a-secret-of-sixteen');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const row = page.locator('tr', { hasText: '/from-the-page' });
    await row.waitFor();
    expect(await row.textContent()).toContain('needs-person');
    const id = (await row.getAttribute('data-webhook')) ?? '';

    await page.getByRole('button', { name: `Send a test event to ${id}` }).click();
    await expect.poll(() => row.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Answered HTTP 202/);
    await expect.poll(() => row.textContent()).toMatch(/test, try 1: HTTP 202/);
    expect(JSON.parse(bodies[0] ?? '{}')).toMatchObject({ kind: 'test' });
    await screenshot(page, 'notifications-settings');

    await page.getByRole('button', { name: `Remove webhook ${id}` }).click();
    await page.getByRole('button', { name: `Yes, remove ${id}` }).click();
    await expect.poll(() => page.locator(`tr[data-webhook="${id}"]`).count()).toBe(0);
    await context.close();
  }, 120_000);

  it('tells a viewer the page is for admins', async () => {
    const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
    const viewer = (await issueToken(db, { role: 'viewer', name: 'notify-viewer' })).token;
    await sql.end();
    const { context, page } = await signedInPage(browser, baseUrl, viewer);
    await page.goto('/settings/notifications');
    await page.getByText('a viewer token can only read; manage webhooks needs an admin token').waitFor();
    expect(await page.getByRole('button', { name: 'Add webhook' }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
