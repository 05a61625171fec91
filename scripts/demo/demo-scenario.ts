// The demo team, deployed into a running orc: a project manager and an engineer, both the
// real Claude Code CLI pointed at the scripted Messages API, in a fresh git project. Used
// by `npm run demo` and by its test, which checks what the scenario leaves behind.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrcClient } from '../../cli/client.ts';
import { DEFAULT_GIT_CHECKPOINT_MS, type TeamSpec } from '../../domain/teams/team-spec.ts';
import { claudeBinaryPath, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { ENGINEER_CUE } from './demo-model.ts';

export interface DemoTarget {
  orcUrl: string;
  adminToken: string;
  /** Where the scripted Messages API listens. */
  apiUrl: string;
  team: string;
  progress(line: string): void;
}

export const DEMO_MANAGER = 'pm';
export const DEMO_ENGINEER = 'dev';

async function makeProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orc-demo-project-'));
  await writeFile(join(dir, 'README.md'), '# Demo project\n\nA throwaway project for `npm run demo`. Nothing here is real work.\n');
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'orc-demo-project', version: '0.0.0', private: true }, null, 2)}\n`);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=orc demo', '-c', 'user.email=demo@orc.invalid', 'commit', '-q', '-m', 'Demo project');
  return dir;
}

export async function deployDemoTeam(target: DemoTarget): Promise<{ projectDir: string }> {
  const projectDir = await makeProject();
  target.progress(`demo: project ${projectDir}`);
  const env = await prepareClaudeCodeEnv({ apiUrl: target.apiUrl, projectDirs: [projectDir] });
  const command = `${claudeBinaryPath()} --permission-mode default`;
  const agent = (name: string, role: 'project-manager' | 'engineer', brief: string | null): TeamSpec['agents'][number] => ({
    name,
    role,
    brief,
    command,
    checkinIntervalMs: null,
    workspace: 'shared',
    gitCheckpointMs: DEFAULT_GIT_CHECKPOINT_MS,
  });
  const spec: TeamSpec = {
    team: target.team,
    project: projectDir,
    host: null,
    agents: [
      agent(DEMO_MANAGER, 'project-manager', '(demo) You lead a scripted demo team; the replies are scripted, no model runs.'),
      agent(DEMO_ENGINEER, 'engineer', `(demo) ${ENGINEER_CUE}: write the README. Tell ${DEMO_MANAGER} you started, schedule a check-in, then publish.`),
    ],
  };
  target.progress(`demo: deploying team ${target.team} (${DEMO_MANAGER}: project-manager, ${DEMO_ENGINEER}: engineer) …`);
  const client = createOrcClient({ url: target.orcUrl, token: target.adminToken });
  await client.teams.deploy.mutate({ spec, env });
  return { projectDir };
}
