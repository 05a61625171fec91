// How fast the dashboard shows what happens, in a real browser (Debian's Chromium): a signed-in
// overview page is open while an agent's PermissionRequest that no rule decides arrives (it
// becomes pending), then a person denies it with the CLI. Timed from the hook POST (or the CLI
// returning) to the "approvals waiting" figure on the page changing, with no reload: the live
// feed's look, the SSE event, SvelteKit reloading the page's data, and the render.
import { launchBrowser, signedInPage } from '../testing/browser.ts';
import { agentToken } from './approvals-hook.ts';
import { orc } from './orc-cli.ts';
import { printLatency, type Figures } from './report.ts';
import { summary } from './stats.ts';

const AGENT = 'bench/live-ui';

export async function dashboardLiveSection(clientEnv: NodeJS.ProcessEnv, url: string, token: string, project: string, figures: Figures, rounds = 20) {
  const title = '7. dashboard live update';
  console.log(`${title}: ${rounds} permission requests appear on, then leave, an open overview page (target: within 1 s)`);
  await orc(['agent', 'start', AGENT, '--project', project, '--cmd', 'bash --norc --noprofile'], clientEnv);
  const browser = await launchBrowser();
  try {
    const agent = await agentToken(clientEnv, AGENT);
    const { page } = await signedInPage(browser, url, token);
    await page.locator('.live.on').waitFor({ timeout: 15_000 });
    const waiting = page.locator('[data-figure="approvals-waiting"]');
    const shows = async (count: number, since: number) => {
      await page.waitForFunction(
        ([selector, expected]) => document.querySelector(selector as string)?.textContent?.trim() === String(expected),
        ['[data-figure="approvals-waiting"]', count] as const,
        { timeout: 10_000, polling: 'raf' },
      );
      return performance.now() - since;
    };
    const appear: number[] = [];
    const leave: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const before = Number((await waiting.textContent())?.trim() ?? '0');
      const body = JSON.stringify({
        session_id: '5b0c5d2e-bench-4f1e-9c1a-000000000007',
        cwd: project,
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: { command: `./deploy-bench --round ${i}`, description: 'needs a person' },
      });
      const posted = performance.now();
      // The hook holds its answer until a person decides; it is read after the deny below.
      const answer = fetch(`${url}/hooks/claude/permission-request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
        body,
        signal: AbortSignal.timeout(60_000),
      });
      appear.push(await shows(before + 1, posted));
      const { stdout } = await orc(['approvals', '--json'], clientEnv);
      const pending = (JSON.parse(stdout) as Array<{ id: string; command: string | null }>).find((request) => request.command === `./deploy-bench --round ${i}`);
      if (!pending) throw new Error(`round ${i}: the request is on the page but not in orc approvals`);
      await orc(['deny', pending.id], clientEnv);
      const denied = performance.now();
      leave.push(await shows(before, denied));
      await (await answer).text();
    }
    const shown = printLatency('hook POST → shown as waiting on the open page', appear);
    const gone = printLatency('orc deny returned → gone from the open page', leave);
    figures.latency(title, 'request arrives → shown on the open overview', shown);
    figures.latency(title, 'orc deny returns → gone from the overview', gone);
    console.log('');
    return { appear: summary(appear), leave: summary(leave) };
  } finally {
    await browser.close();
    await orc(['agent', 'stop', AGENT], clientEnv).catch(() => undefined);
  }
}
