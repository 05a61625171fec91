// Activities that must run on the host where the agent's tmux and project live. Built by a
// factory over injected dependencies so tests can swap the tmux runner and the ledger.
import { ApplicationFailure } from '@temporalio/activity';
import { mkdir, stat } from 'node:fs/promises';
import { hostLayout } from '../domain/data-layout.ts';
import { usesHooks } from '../domain/agent-hooks.ts';
import { claudeCodeIsReady, echoProbes } from '../domain/pane-recognition.ts';
import { BLOCKED_AFTER_MS, recognizeBlockingDialog, type BlockingDialog } from '../domain/blocking-dialog.ts';
import { BLOCKED_PANE_OPTION } from '../host/screen-fallback/blocked-watch.ts';
import { recognizeDialog, type PermissionDialog } from '../domain/permissions/dialog-recognition.ts';
import { formatAgentRef, tmuxSessionName } from '../domain/names.ts';
import { tailOfPane } from '../domain/pane-text.ts';
import { UnsealError, unseal, unsealValues } from '../domain/sealed-secret.ts';
import type { AgentSpec } from '../workflows/agent-types.ts';
import { writeClaudeSettings } from '../host/claude-settings.ts';
import { claudeTelemetryEnv } from '../host/claude-telemetry.ts';
import { projectMcpServers } from '../host/project-mcp-files.ts';
import { claudeConfigFile, trustWorkspaceOfTrustedProject } from '../host/claude-trust.ts';
import { mcpServerDecisions } from '../domain/project-mcp-servers.ts';
import { CodexConfigError } from '../host/codex-config.ts';
import { prepareCodexLaunch, waitForCodexReady, type CodexLaunch } from '../host/codex-launch.ts';
import type { DeliveryLedger } from '../host/delivery-ledger.ts';
import { paneInfo, readPane, waitForPane } from '../host/tmux/pane-reading.ts';
import { saveAgentHistory } from '../host/agent-history.ts';
import { DIALOG_DUTY_PANE_OPTION, DIALOG_DUTY_VALUES } from '../host/screen-fallback/dialog-duty.ts';
import { writeFallbackAccess } from '../host/screen-fallback/screen-fallback-access.ts';
import { TmuxError, type Tmux } from '../host/tmux/tmux.ts';
import { cachedSandboxProbe } from '../host/sandbox/bwrap-probe.ts';
import { SandboxSetupError, programPaths, sandboxedArgv } from '../host/sandbox/agent-sandbox.ts';
import { failureLine, type SandboxProbe } from '../domain/sandbox-probe.ts';
import { AGENT_PANE_OPTION } from '../host/tmux/agent-pane.ts';

export interface HostActivityDeps {
  tmux: Tmux;
  ledger: DeliveryLedger;
  /** This host's dir in the data dir (data-layout's hostLayout): agents' files, scratch dirs. */
  hostDir: string;
  /** How long an agent CLI may take to show that it accepts input. */
  readyTimeoutMs?: number;
  /** A directory holding an `orc` executable, put first on agents' PATH. */
  orcBinDir?: string;
  /** Opens the agent's token and environment, which the server sealed for their trip through Temporal. */
  secretKey: Buffer;
  /** Whether bwrap works here; by default asked once per process (host/sandbox/bwrap-probe.ts). */
  sandboxProbe?: () => Promise<SandboxProbe>;
  /** The worker's environment as sandboxes read it (HOME, ORC_SANDBOX_HIDE); process.env by default. */
  sandboxEnv?: NodeJS.ProcessEnv;
}

export interface TypeMessageInput {
  agentId: string;
  paneId: string;
  messageId: string;
  text: string;
  confirmByPane: boolean;
}

export interface TypeMessageResult {
  typedAt: string;
  alreadyTyped: boolean;
  confirmedByPane: boolean;
  /** Set when nothing was typed because a permission dialog was open in the pane: which one. */
  heldByDialog?: string;
}

const describeDialog = (dialog: PermissionDialog) =>
  `a permission dialog of ${dialog.cli}${dialog.subject === null ? '' : ` about ${JSON.stringify(dialog.subject.slice(0, 200))}`} is open in the agent's pane`;


/** Pane histories go into the log (through Temporal), so they are bounded; the file keeps all. */
const HISTORY_LINES_LOGGED = 3000;
const lastLines = (text: string, lines: number) => text.replace(/\s+$/, '').split('\n').slice(-lines).join('\n');

const PANE_WIDTH = '200';
const PANE_HEIGHT = '50';

/** The agent's token and given environment in clear; a key that cannot open them fails the launch for good. */
function openSecrets(spec: AgentSpec, key: Buffer): { agentToken: string; givenEnv: Record<string, string> } {
  try {
    return { agentToken: unseal(spec.agentToken, key), givenEnv: unsealValues(spec.env, key) };
  } catch (err) {
    if (err instanceof UnsealError) throw ApplicationFailure.nonRetryable(err.message, 'SecretKeyMismatch');
    throw err;
  }
}

export function createHostActivities(deps: HostActivityDeps) {
  const { tmux, ledger } = deps;
  const layout = hostLayout(deps.hostDir);
  const agentFiles = (spec: Pick<AgentSpec, 'team' | 'agent'>) => layout.agent(spec);
  const sandboxProbe = deps.sandboxProbe ?? cachedSandboxProbe();

  /** Saves a pane's whole scrollback to the agent's dir; returns the file and the part that goes to the log. */
  async function savePaneHistory(paneId: string, who: Pick<AgentSpec, 'team' | 'agent'>): Promise<{ file: string; logged: string }> {
    const history = await tmux.run(['capture-pane', '-p', '-J', '-S', '-', '-t', paneId]);
    const file = await saveAgentHistory(agentFiles(who), history);
    return { file, logged: lastLines(history, HISTORY_LINES_LOGGED) };
  }

  async function findWindow(session: string, window: string): Promise<{ paneId: string; dead: boolean } | null> {
    let listing: string;
    try {
      listing = await tmux.run(['list-panes', '-s', '-t', `=${session}`, '-F', '#{window_name}\t#{pane_id}\t#{pane_dead}']);
    } catch (err) {
      if (err instanceof TmuxError) return null; // no such session (or no server yet)
      throw err;
    }
    for (const line of listing.split('\n')) {
      const [name, paneId, dead] = line.split('\t');
      if (name === window && paneId) return { paneId, dead: dead === '1' };
    }
    return null;
  }

  /**
   * Makes the agent's window with a placeholder program, sets remain-on-exit, and only then
   * swaps in the agent (respawn-pane): a command that dies at once still leaves its pane
   * (and its last words) behind, and never takes the whole tmux server down with it.
   * `wrap` turns the argv into what the pane runs (its sandbox), knowing the pane.
   */
  async function createWindow(spec: AgentSpec, argv: string[], env: Record<string, string>, wrap: (argv: string[], paneId: string) => Promise<string[]>): Promise<string> {
    const session = tmuxSessionName(spec.team);
    const placeholder = ['sleep', '2147483647'];
    const workDir = spec.workspaceDir ?? spec.projectDir;
    const common = ['-P', '-F', '#{pane_id}', '-c', workDir, '-n', spec.agent];
    let paneId: string | null = null;
    try {
      paneId = (await tmux.run(['new-session', '-d', '-s', session, '-x', PANE_WIDTH, '-y', PANE_HEIGHT, ...common, '--', ...placeholder])).trim();
    } catch (err) {
      if (!(err instanceof TmuxError) || !/duplicate session/.test(err.stderr)) throw err;
    }
    paneId ??= (await tmux.run(['new-window', '-d', '-t', `=${session}:`, ...common, '--', ...placeholder])).trim();
    await tmux.run(['set-option', '-w', '-t', paneId, 'remain-on-exit', 'on']);
    // tmux applies -e to everything but PATH (it keeps its own), so PATH goes through `env`;
    // secrets stay in -e, out of the process list.
    const { PATH: path, ...rest } = env;
    const envArgs = Object.entries(rest).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    // `env` also makes tmux exec the program directly even for a one-word command (tmux hands
    // a single word to `sh -c`), so nothing in the command is ever read by a shell.
    let wrapped: string[];
    try {
      wrapped = await wrap(argv, paneId);
    } catch (err) {
      await tmux.run(['kill-pane', '-t', paneId]).catch(() => undefined);
      throw err;
    }
    const program = ['env', '--', ...(path ? [`PATH=${path}`] : []), ...wrapped];
    await tmux.run(['respawn-pane', '-k', '-t', paneId, '-c', workDir, ...envArgs, '--', ...program]);
    return paneId;
  }

  return {
    /**
     * Launches the agent's CLI; with `resume`, a relaunch after it died, continuing its conversation.
     * `blocked`: Claude Code showed a dialog orc cannot answer instead of its prompt, and kept it.
     */
    async launchAgent({ spec, resume = false }: { spec: AgentSpec; resume?: boolean }): Promise<{ paneId: string; previousHistory?: string; blocked?: BlockingDialog }> {
      const workDir = spec.workspaceDir ?? spec.projectDir;
      const dir = await stat(workDir).catch(() => null);
      if (!dir?.isDirectory()) {
        throw ApplicationFailure.nonRetryable(
          `project directory ${workDir} does not exist on host ${spec.host}; create it or pass another --project`,
          'ProjectDirMissing',
        );
      }
      // Asked for, a sandbox either works or the launch fails saying why: never unconfined instead.
      const confined = spec.sandbox?.enabled === true;
      const probe = confined ? await sandboxProbe() : null;
      if (probe !== null && !probe.works) {
        throw ApplicationFailure.nonRetryable(`agent ${formatAgentRef(spec)} cannot be sandboxed on host ${spec.host}: ${failureLine(probe)}`, 'SandboxUnavailable');
      }
      const session = tmuxSessionName(spec.team);
      const existing = await findWindow(session, spec.agent);
      // A retried launch finds the window its first attempt made; a dead leftover is replaced.
      if (existing && !existing.dead) return { paneId: existing.paneId };
      let previousHistory: string | undefined;
      if (existing?.dead) {
        // Its last screen is kept before the dead pane goes.
        previousHistory = (await savePaneHistory(existing.paneId, spec).catch(() => null))?.logged;
        await tmux.run(['kill-pane', '-t', existing.paneId]);
      }

      let argv = [...spec.argv];
      const hooked = usesHooks(spec);
      if (spec.kind === 'claude-code') {
        const settingsFile = agentFiles(spec).claudeSettings;
        // Read at every launch: a server added to .mcp.json since is decided too, never asked about.
        const mcp = mcpServerDecisions(await projectMcpServers(workDir), spec.mcpServers ?? []);
        await writeClaudeSettings(settingsFile, spec.orcUrl, { hooks: hooked, mcp });
        argv.push('--settings', settingsFile);
        // Claude Code picks the conversation up where it stopped.
        if (resume && !argv.includes('--continue')) argv.push('--continue');
      }
      const { agentToken, givenEnv } = openSecrets(spec, deps.secretKey);
      if (spec.kind === 'claude-code' && workDir !== spec.projectDir) {
        // A worktree is new to Claude Code: trusted like its project, or its trust dialog shows.
        const configFile = claudeConfigFile({ ...(deps.sandboxEnv ?? process.env), ...givenEnv });
        if (configFile !== null) {
          await trustWorkspaceOfTrustedProject(configFile, spec.projectDir, workDir).catch((err: unknown) => {
            console.warn(`agent ${formatAgentRef(spec)}: could not record its worktree as trusted in ${configFile} (${String(err)}); Claude Code may ask, and the agent shows blocked until someone answers`);
          });
        }
      }
      // The agent's own scratch dir: writable like its workspace, where its temporary files go
      // instead of the shared /tmp (writes there wait for a person).
      const scratchDir = spec.scratchDir ?? layout.scratchDir(spec);
      await mkdir(scratchDir, { recursive: true, mode: 0o700 });
      let codex: CodexLaunch | null = null;
      if (spec.kind === 'codex') {
        try {
          codex = await prepareCodexLaunch({ codexHome: agentFiles(spec).codexHome, workspaceDir: workDir, givenEnv, argv, resume });
        } catch (err) {
          if (err instanceof CodexConfigError) throw ApplicationFailure.nonRetryable(`agent ${formatAgentRef(spec)}: ${err.message}`, 'InvalidAgentEnv');
          throw err;
        }
        argv = codex.argv;
      }
      const env = {
        TMPDIR: scratchDir,
        // The home is read-only in a sandbox: caches that tools keep there go to the scratch dir.
        ...(confined ? { XDG_CACHE_HOME: `${scratchDir}/cache`, npm_config_cache: `${scratchDir}/npm-cache` } : {}),
        ...givenEnv,
        ...codex?.env,
        // `orc` itself, first on the agent's PATH, so it can message teammates and schedule check-ins.
        ...(deps.orcBinDir ? { PATH: `${deps.orcBinDir}:${givenEnv.PATH ?? process.env.PATH ?? '/usr/bin:/bin'}` } : {}),
        // What each model call cost, reported by Claude Code to orc (`orc usage`); orc's, over the person's --env.
        ...(spec.kind === 'claude-code' ? claudeTelemetryEnv(spec.orcUrl, agentToken) : {}),
        ORC_URL: spec.orcUrl,
        ORC_AGENT: formatAgentRef(spec),
        ORC_AGENT_TOKEN: agentToken,
      };
      const agentId = formatAgentRef(spec);
      // The worker's dialog watcher speaks for the agent: without hooks it asks orc about the
      // agent's dialogs; with them it reports when a dialog left to the agent's screen closes.
      await writeFallbackAccess(agentFiles(spec).screenFallbackAccess, { agentId, orcUrl: spec.orcUrl, token: agentToken, workDir });
      const wrap = async (plain: string[], pane: string): Promise<string[]> => {
        if (probe === null || !probe.works || !spec.sandbox) return plain;
        const tmuxSocket = (await tmux.run(['display-message', '-p', '-t', pane, '#{socket_path}'])).trim() || null;
        try {
          return await sandboxedArgv(
            {
              bwrap: probe.bwrap,
              kind: spec.kind,
              workspace: workDir === spec.projectDir ? 'shared' : 'worktree',
              projectDir: spec.projectDir,
              workspaceDir: workDir,
              scratchDir,
              agentEnv: { ...(deps.sandboxEnv ?? process.env), ...env },
              workerEnv: deps.sandboxEnv ?? process.env,
              dataDir: layout.dataDir,
              orcReadable: [...(deps.orcBinDir ? [deps.orcBinDir] : []), ...(spec.kind === 'claude-code' ? [agentFiles(spec).claudeSettings] : []), ...(codex?.readOnly ?? []), ...programPaths(spec.argv)],
              tmuxSocket,
              allow: spec.sandbox.allow,
              emptyFile: layout.sandboxEmptyFile,
            },
            plain,
          );
        } catch (err) {
          if (err instanceof SandboxSetupError) throw ApplicationFailure.nonRetryable(`agent ${agentId} cannot be sandboxed: ${err.message}`, 'SandboxUnavailable');
          throw err;
        }
      };
      const paneId = await createWindow(spec, argv, env, wrap);
      // Marks the pane as this agent's, for the worker's pane watcher, and says what its dialog
      // watcher does with it: answer its dialogs (no hooks) or only see them close (hooked).
      const marks = [
        ['set-option', '-p', '-t', paneId, AGENT_PANE_OPTION, agentId],
        ['set-option', '-p', '-t', paneId, DIALOG_DUTY_PANE_OPTION, DIALOG_DUTY_VALUES[hooked ? 'watch' : 'answer']],
      ];
      await tmux.run(marks.flatMap((command, i) => (i === 0 ? command : [';', ...command])));

      const timeoutMs = deps.readyTimeoutMs ?? (spec.kind === 'generic' ? 10_000 : 60_000);
      let previous: string | null = null;
      let unchangedReads = 0;
      let unchangedSince = Date.now();
      let blocked: BlockingDialog | undefined;
      const ready = spec.kind === 'codex' ? await waitForCodexReady(tmux, paneId, { timeoutMs }) : await waitForPane(
        tmux,
        paneId,
        (text) => {
          if (text !== previous) unchangedSince = Date.now();
          if (spec.kind === 'claude-code') {
            previous = text;
            if (claudeCodeIsReady(text)) return true;
            // A dialog no setting prevented (domain/blocking-dialog.ts): waiting out the timeout
            // would only fail the launch; the agent is blocked until a person answers it.
            const dialog = Date.now() - unchangedSince >= BLOCKED_AFTER_MS ? recognizeBlockingDialog(text) : null;
            if (dialog !== null) blocked = dialog;
            return dialog !== null;
          }
          // A generic CLI is taken as ready once its screen has stopped changing (some, like
          // cat, draw nothing at all).
          unchangedReads = text === previous ? unchangedReads + 1 : 0;
          previous = text;
          return unchangedReads >= 2;
        },
        { timeoutMs, intervalMs: spec.kind === 'claude-code' ? 100 : 150 },
      );
      const info = await paneInfo(tmux, paneId);
      if (info?.dead) {
        const lastWords = (await readPane(tmux, paneId, 20))
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('Pane is dead'))
          .slice(-3);
        await tmux.run(['kill-pane', '-t', paneId]).catch(() => undefined);
        const status = info.exitStatus === null ? '' : ` with status ${info.exitStatus}`;
        throw ApplicationFailure.nonRetryable(
          `agent command ${JSON.stringify(spec.argv.join(' '))} exited${status} right after launch${lastWords.length ? `: ${lastWords.join(' | ')}` : ''}`,
          'AgentExited',
        );
      }
      if (ready === null) {
        throw ApplicationFailure.nonRetryable(
          `agent ${spec.team}/${spec.agent} did not show it was ready for input within ${timeoutMs / 1000}s`,
          'AgentNotReady',
        );
      }
      if (blocked !== undefined) {
        // So the host's watcher says `unblocked` once it goes (host/screen-fallback/blocked-watch.ts).
        await tmux.run(['set-option', '-p', '-t', paneId, BLOCKED_PANE_OPTION, '1']);
      }
      return { paneId, ...(previousHistory === undefined ? {} : { previousHistory }), ...(blocked === undefined ? {} : { blocked }) };
    },

    async typeMessage(input: TypeMessageInput): Promise<TypeMessageResult> {
      const { paneId, messageId, text } = input;
      const probes = echoProbes(text);
      const shows = (pane: string) => probes.some((probe) => pane.includes(probe));
      const typedBefore = async (): Promise<TypeMessageResult> => {
        // Typed by an earlier attempt: never type it twice; only look whether it landed.
        const pane = input.confirmByPane ? await readPane(tmux, paneId, 200) : '';
        return { typedAt: new Date().toISOString(), alreadyTyped: true, confirmedByPane: shows(pane) };
      };
      if (ledger.has(messageId)) return typedBefore();
      const buffer = `orc-${messageId}`;
      // A paste is literal (no key names, no shell) and, where the program asked for
      // bracketed paste, a multi-line text arrives as one message instead of one per line.
      await tmux.run(['load-buffer', '-b', buffer, '-'], { input: text });
      // A permission dialog live at the bottom of the pane takes keys as its answer: a digit or
      // "y" in the text, or the Enter after it (Claude Code's highlighted option is "Yes"),
      // would answer it for the person it waits for. Nothing is typed then; the workflow keeps
      // the message and tries again once the dialog has gone. The pane is read just before the
      // keys (only the ledger's write comes between), and text and Enter go in one tmux command,
      // so a dialog cannot come up between the two.
      const before = await readPane(tmux, paneId);
      const dialog = recognizeDialog(before);
      if (dialog !== null) {
        await tmux.run(['delete-buffer', '-b', buffer]).catch(() => undefined);
        return { typedAt: new Date().toISOString(), alreadyTyped: false, confirmedByPane: false, heldByDialog: describeDialog(dialog) };
      }
      if (!(await ledger.claim(messageId))) {
        await tmux.run(['delete-buffer', '-b', buffer]).catch(() => undefined);
        return typedBefore();
      }
      await tmux.run(['paste-buffer', '-p', '-d', '-b', buffer, '-t', paneId, ';', 'send-keys', '-t', paneId, 'Enter']);
      const typedAt = new Date().toISOString();
      if (!input.confirmByPane) return { typedAt, alreadyTyped: false, confirmedByPane: false };
      // A long message scrolls the screen; look back over as many lines as it could have moved.
      const lookBack = text.split('\n').length * 2 + 50;
      const seen = await waitForPane(tmux, paneId, (now) => now !== before && shows(now), { timeoutMs: 5_000, historyLines: lookBack });
      return { typedAt, alreadyTyped: false, confirmedByPane: seen !== null };
    },

    async capturePane({ paneId, lines }: { paneId: string; lines: number }): Promise<{ text: string }> {
      return { text: tailOfPane(await readPane(tmux, paneId, lines), lines) };
    },

    async stopAgent({ paneId, team, agent }: { paneId: string; team: string; agent: string }): Promise<{ historyFile: string | null; history: string | null }> {
      try {
        const saved = await savePaneHistory(paneId, { team, agent });
        await tmux.run(['kill-pane', '-t', paneId]);
        return { historyFile: saved.file, history: saved.logged };
      } catch (err) {
        if (!(err instanceof TmuxError)) throw err; // the pane is already gone: nothing to stop
        return { historyFile: null, history: null };
      }
    },
  };
}

export type HostActivities = ReturnType<typeof createHostActivities>;
