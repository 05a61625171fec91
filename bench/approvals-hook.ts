// The PermissionRequest hook's full HTTP round trip against the running stack: a learned
// global rule allows `npm test *`, and a bash agent's own token (read from its shell) posts
// the payload Claude Code sends for `npm test --silent`, one request after the other. Then the
// PreToolUse hook, which Claude Code posts before every tool use and waits for: orc records a
// tool use the rule allows (as when Claude Code runs it by itself from its copy of the rule).
import { sleep } from './bounded.ts';
import { fineLatency, fmtFineMs } from './approvals-engine.ts';
import { orc } from './orc-cli.ts';
import type { Figures } from './report.ts';

const AGENT = 'bench/hook';
const RULE = 'Bash(npm test *)';

/** The agent's ORC_AGENT_TOKEN, echoed in its shell and read back from its pane. */
export async function agentToken(clientEnv: NodeJS.ProcessEnv, agent = AGENT): Promise<string> {
  await orc(['send', agent, 'echo TOKEN=$ORC_AGENT_TOKEN'], clientEnv);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { stdout } = await orc(['capture', agent, '--json'], clientEnv);
    const match = /TOKEN=([^\s$]+)/.exec((JSON.parse(stdout) as { text: string }).text);
    if (match?.[1]) return match[1];
    await sleep(500);
  }
  throw new Error(`no ORC_AGENT_TOKEN shown in ${agent}'s pane within 30 s`);
}

export async function hookRoundTripSection(clientEnv: NodeJS.ProcessEnv, url: string, project: string, figures: Figures, count = 200) {
  const title = '5b. PermissionRequest hook, HTTP round trip';
  console.log(`${title}: ${count} sequential POSTs of \`npm test --silent\`, allowed by the learned rule ${RULE} (target p95 < 50 ms)`);
  await orc(['rules', 'add', RULE, '--allow', '--scope', 'global'], clientEnv);
  await orc(['agent', 'start', AGENT, '--project', project, '--cmd', 'bash --norc --noprofile'], clientEnv);
  try {
    const token = await agentToken(clientEnv);
    // Shaped like Claude Code's own PermissionRequest body (CLAUDE-CODE.md §3).
    const body = JSON.stringify({
      session_id: '5b0c5d2e-bench-4f1e-9c1a-000000000001',
      transcript_path: `${project}/.claude/transcript.jsonl`,
      cwd: project,
      prompt_id: 'bench-prompt',
      permission_mode: 'default',
      hook_event_name: 'PermissionRequest',
      tool_name: 'Bash',
      tool_input: { command: 'npm test --silent', description: 'Run the test suite' },
      permission_suggestions: [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'npm test:*' }], behavior: 'allow', destination: 'localSettings' }],
    });
    const post = async (event: string, payload: string, expect: (answer: unknown) => boolean) => {
      const started = performance.now();
      const response = await fetch(`${url}/hooks/claude/${event}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: payload,
        signal: AbortSignal.timeout(30_000),
      });
      const answer: unknown = await response.json();
      const ms = performance.now() - started;
      if (response.status !== 200 || !expect(answer)) throw new Error(`${event} hook answered ${response.status} ${JSON.stringify(answer)}`);
      return ms;
    };
    const allowed = (answer: unknown) => (answer as { hookSpecificOutput?: { decision?: { behavior?: string } } }).hookSpecificOutput?.decision?.behavior === 'allow';
    const firstMs = await post('permission-request', body, allowed);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) samples.push(await post('permission-request', body, allowed));
    const s = fineLatency(samples);
    console.log(`  first POST (cold)  ${fmtFineMs(firstMs)}`);
    console.log(`  next ${count} POSTs    ${s.text}`);
    figures.add(title, 'first POST (cold)', fmtFineMs(firstMs));
    figures.add(title, `${count} sequential POSTs, target p95 < 50 ms`, s.text);

    const noDecision = (answer: unknown) => JSON.stringify(answer) === '{}';
    const preToolUse = (i: number) => JSON.stringify({ ...(JSON.parse(body) as object), hook_event_name: 'PreToolUse', permission_suggestions: undefined, tool_use_id: `toolu_bench_${i}` });
    const preSamples: number[] = [];
    for (let i = 0; i < count; i++) preSamples.push(await post('pre-tool-use', preToolUse(i), noDecision));
    const pre = fineLatency(preSamples);
    console.log(`  PreToolUse, ${count} POSTs (each recorded as decided by the rule) ${pre.text}\n`);
    figures.add(title, `PreToolUse: ${count} sequential POSTs, each recorded`, pre.text);
    return { rule: RULE, firstMs, latency: s, preToolUse: pre };
  } finally {
    await orc(['agent', 'stop', AGENT], clientEnv).catch(() => undefined);
  }
}
