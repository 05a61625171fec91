// Does Claude Code's own Bash sandbox work when Claude Code itself runs inside orc's bwrap
// sandbox? Runs the real CLI against the scripted Messages API, in a tmux server of its own, and
// prints what one Bash command (read a planted key, write the home and the project, reach the
// API on loopback) got. What it found is in docs/sandbox.md. Usage:
//   node testing/claude-nested-sandbox.ts <nested|cc-only> <on|off> [weaker]
//   CCX_SETFCAP=1   orc's sandbox with its own user namespace keeping CAP_SETFCAP (root needs it to nest)
//   CCX_EXCLUDE=cmd Claude Code's sandbox.excludedCommands; CCX_LOCAL=1 its network.allowLocalBinding
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { claudeBinaryPath, prepareClaudeCodeEnv } from './claude-code.ts';
import { bashOnTrigger } from './scripted-bash.ts';
import { startScriptedMessagesApi } from './scripted-messages-api.ts';
import { sandboxedArgv } from '../host/sandbox/agent-sandbox.ts';

const run = promisify(execFile);
const sock = `ccx-${process.pid}`;
const tmux = (...a: string[]) => run('tmux', ['-L', sock, ...a]).then((r) => r.stdout);
const mode = process.argv[2] ?? 'nested'; // nested | outer-only | cc-only
const ccSandbox = process.argv[3] ?? 'on';
const home = await mkdtemp(join(tmpdir(), 'ccx-home-'));
await mkdir(join(home, '.ssh'));
await writeFile(join(home, '.ssh', 'id_test'), 'KEY-SECRET\n');
const project = await mkdtemp(join(tmpdir(), 'ccx-proj-'));
const scratch = await mkdtemp(join(tmpdir(), 'ccx-scratch-'));
const data = await mkdtemp(join(tmpdir(), 'ccx-data-'));
const api = await startScriptedMessagesApi();
const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
api.setScript(bashOnTrigger({ 'RUN-A': `cat ${home}/.ssh/id_test; echo r1=$?; touch ${home}/w; echo w1=$?; touch ${project}/ok; echo w2=$?; curl -s -m 3 -o /dev/null -w "%{http_code} " ${api.url}/; echo c=$?; echo done-A` }));
const settings = join(data, 'settings.json');
await writeFile(settings, JSON.stringify({
  permissions: { allow: ['Bash'] },
  ...(ccSandbox === 'on' ? { sandbox: { enabled: true, failIfUnavailable: true, autoAllowBashIfSandboxed: false, ...(process.argv[4] === 'weaker' ? { enableWeakerNestedSandbox: true } : {}), ...(process.env.CCX_EXCLUDE ? { excludedCommands: [process.env.CCX_EXCLUDE] } : {}), filesystem: { denyRead: [join(home, '.ssh')] }, network: { allowedDomains: ['127.0.0.1', 'localhost'], ...(process.env.CCX_LOCAL ? { allowLocalBinding: true } : {}) } } } : {}),
}));
let argv = [claudeBinaryPath(), '--permission-mode', 'default', '--settings', settings];
if (mode !== 'cc-only') {
  const probe = '/usr/bin/bwrap';
  argv = await sandboxedArgv({ bwrap: probe, kind: 'claude-code', workspace: 'shared', projectDir: project, workspaceDir: project, scratchDir: scratch, agentEnv: { ...env, HOME: home }, workerEnv: process.env, dataDir: data, orcReadable: [settings], tmuxSocket: null, allow: [], emptyFile: join(data, 'empty') }, argv);
}
if (process.env.CCX_SETFCAP) {
  const i = argv.indexOf('--cap-drop');
  argv.splice(i, 2, '--unshare-user', '--cap-drop', 'ALL', '--cap-add', 'CAP_SETFCAP');
}
const envArgs = Object.entries({ ...env, HOME: home, TMPDIR: scratch }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
await tmux('new-session', '-d', '-s', 'x', '-x', '200', '-y', '50', '-c', project, ...envArgs, '--', ...argv);
const deadline = Date.now() + 60_000;
while (Date.now() < deadline) {
  if (/\? for shortcuts|manual mode/.test(await tmux('capture-pane', '-p', '-t', 'x'))) break;
  await new Promise((r) => setTimeout(r, 500));
}
await tmux('send-keys', '-t', 'x', '-l', 'RUN-A now');
await tmux('send-keys', '-t', 'x', 'Enter');
let result;
while (Date.now() < deadline + 60_000) {
  result = api.toolResultAfter('RUN-A');
  if (result) break;
  await new Promise((r) => setTimeout(r, 500));
}
console.log(JSON.stringify({ mode, ccSandbox, result: result?.content ?? null }, null, 1));
if (!result) console.log(await tmux('capture-pane', '-p', '-t', 'x'));
await run('tmux', ['-L', sock, 'kill-server']).catch(() => undefined);
await api.close();
