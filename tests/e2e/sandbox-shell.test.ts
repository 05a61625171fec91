// A shell agent in its bubblewrap sandbox (the default), driven through the real `orc` CLI:
// what an allowed command could reach is bounded by the operating system. It cannot read a
// planted ~/.ssh key, orc's admin token or another agent's environment, nor write outside its
// workspace, nor reach tmux's socket; it builds and tests its project, messages a teammate,
// schedules a check-in with `orc` from inside, and its messages are confirmed as before.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const run = promisify(execFile);
const team = uniqueName('sbx');
const confined = `${team}/dev`;
const victim = `${team}/victim`;
const KEY = 'PLANTED-PRIVATE-KEY-do-not-leak';
const VICTIM_SECRET = 'victim-api-key-never-seen';
let projectDir: string;
let home: string;
let escapeFile: string;

/** Sends a shell line to the confined agent and waits for the file it writes in its project. */
async function inAgent(command: string, outFile: string): Promise<string> {
  expect(await orc(['send', confined, `{ ${command}; } > ${outFile} 2>&1; echo "rc=$?" >> ${outFile}`])).toContain('confirmed');
  return eventually(async () => {
    const text = await readFile(join(projectDir, outFile), 'utf8');
    expect(text).toMatch(/rc=\d+\n$/);
    return text;
  }, { timeoutMs: 20_000 });
}

beforeAll(async () => {
  projectDir = await mkdtemp(join(tmpdir(), 'orc-sbx-project-'));
  home = await mkdtemp(join(tmpdir(), 'orc-sbx-home-'));
  await mkdir(join(home, '.ssh'), { mode: 0o700 });
  await writeFile(join(home, '.ssh', 'id_test'), `${KEY}\n`, { mode: 0o600 });
  await writeFile(join(home, '.netrc'), `machine example.com password ${KEY}\n`);
  await writeFile(join(home, 'notes.txt'), 'readable, not writable\n');
  escapeFile = join(tmpdir(), `orc-sbx-escape-${team}`);
  await writeFile(
    join(projectDir, 'Makefile'),
    'build:\n\tmkdir -p out && node -e "require(\'fs\').writeFileSync(\'out/built.txt\', \'built\')"\ntest: build\n\tnode -e "require(\'assert\').strictEqual(require(\'fs\').readFileSync(\'out/built.txt\', \'utf8\'), \'built\'); console.log(\'tests-pass\')"\n',
  );
  await run('git', ['init', '-q'], { cwd: projectDir });

  const started = JSON.parse(await orc(['agent', 'start', victim, '--project', projectDir, '--cmd', 'bash --norc --noprofile', '--no-sandbox', '--env', `VICTIM_SECRET=${VICTIM_SECRET}`, '--json'])) as { paneId: string };
  expect(started.paneId).toMatch(/^%\d+$/);
  await orc(['agent', 'start', confined, '--project', projectDir, '--cmd', 'bash --norc --noprofile', '--env', `HOME=${home}`]);
}, 120_000);

afterAll(async () => {
  await runOrc(['agent', 'stop', confined]);
  await runOrc(['agent', 'stop', victim]);
});

describe('a shell agent in its sandbox', () => {
  it('is shown as confined, the other as not', async () => {
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; sandboxed: boolean }>;
    expect(status.find((a) => a.id === confined)?.sandboxed).toBe(true);
    expect(status.find((a) => a.id === victim)?.sandboxed).toBe(false);
    const table = await orc(['status']);
    expect(table).toMatch(/SANDBOX/);
    expect(table.split('\n').find((line) => line.startsWith(confined))).toMatch(/ on$/);
  });

  it('cannot read a planted ~/.ssh key or ~/.netrc, but reads the rest of its home', async () => {
    const ssh = await inAgent(`ls -a "$HOME/.ssh"; cat "$HOME/.ssh/id_test"`, 'ssh.txt');
    expect(ssh).not.toContain(KEY);
    expect(ssh).toMatch(/No such file or directory/);
    expect(await inAgent(`cat "$HOME/.netrc"; wc -c < "$HOME/.netrc"`, 'netrc.txt')).not.toContain(KEY);
    expect(await inAgent(`cat "$HOME/notes.txt"`, 'notes.txt')).toContain('readable, not writable');
  });

  it("cannot read orc's admin token, secret key or other agents' files in the data dir", async () => {
    const dataDir = inject('dataDir');
    const adminToken = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    const out = await inAgent(`cat ${dataDir}/admin-token ${dataDir}/secret-key; ls -R ${dataDir}/hosts | head -50`, 'data.txt');
    expect(out).not.toContain(adminToken);
    expect(out).toMatch(/admin-token: No such file or directory/);
    expect(out).not.toContain('screen-fallback.json');
  });

  it("cannot read another agent's /proc/<pid>/environ, nor see its processes", async () => {
    const { stdout } = await run('tmux', ['-L', inject('tmuxSocket'), 'list-panes', '-a', '-F', '#{@orc-agent} #{pane_pid}']);
    const victimPid = stdout.split('\n').find((line) => line.startsWith(`${victim} `))?.split(' ')[1];
    expect(victimPid).toMatch(/^\d+$/);
    // Unconfined, the same user reads it: the secret is really there to be stolen.
    expect(await readFile(`/proc/${victimPid}/environ`, 'utf8')).toContain(VICTIM_SECRET);
    const out = await inAgent(`cat /proc/${victimPid}/environ; ls /proc | grep -c '^[0-9]'; grep -l VICTIM_SECRET /proc/[0-9]*/environ`, 'environ.txt');
    expect(out).not.toContain(VICTIM_SECRET);
    // Its own PID namespace: bwrap's init, bash and what it just ran.
    const visible = Number(out.split('\n').find((line) => /^\d+$/.test(line)));
    expect(visible).toBeLessThan(10);
  });

  it("cannot reach tmux's socket (tmux runs commands for whoever connects)", async () => {
    const out = await inAgent(`tmux -L ${inject('tmuxSocket')} list-sessions; ls /tmp`, 'tmux.txt');
    expect(out).toMatch(/no server running|error connecting|No such file/);
    expect(out).not.toContain(team);
  });

  it('cannot write outside its workspace and scratch dir', async () => {
    const out = await inAgent(
      [`touch "$HOME/pwned"; echo home=$?`, `touch /etc/orc-pwned; echo etc=$?`, `touch ${inject('dataDir')}/pwned; echo data=$?`, `echo x > ${escapeFile}; echo tmp=$?`, `touch "$TMPDIR/scratch-ok"; echo scratch=$?`].join('; '),
      'writes.txt',
    );
    expect(out).toContain('home=1');
    expect(out).toContain('etc=1');
    expect(out).toContain('data=1');
    expect(out).toContain('scratch=0');
    // /tmp is its own: a write there lands nowhere the host (or another agent) looks.
    expect(existsSync(escapeFile)).toBe(false);
    expect(existsSync(join(home, 'pwned'))).toBe(false);
    expect(existsSync('/etc/orc-pwned')).toBe(false);
  });

  it('keeps the project git dir its own but its hooks and config read-only', async () => {
    const out = await inAgent(`echo 'rm -rf /' > .git/hooks/pre-commit; echo hook=$?; git config user.name x; echo config=$?; git add Makefile && git -c user.name=a -c user.email=a@b commit -qm first; echo commit=$?`, 'git.txt');
    expect(out).toContain('hook=1');
    // git writes its config by renaming a new file over it: the mount refuses (EBUSY).
    expect(out).toMatch(/could not write config file .git\/config/);
    expect(out).not.toContain('config=0');
    expect(await readFile(join(projectDir, '.git', 'config'), 'utf8')).not.toContain('name = x');
    expect(existsSync(join(projectDir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(out).toContain('commit=0');
  });

  it('builds and tests its project', async () => {
    const out = await inAgent('make test', 'make.txt');
    expect(out).toContain('tests-pass');
    expect(out).toContain('rc=0');
    expect(await readFile(join(projectDir, 'out', 'built.txt'), 'utf8')).toBe('built');
  });

  it('uses orc from inside: messages a teammate and schedules its own check-in', async () => {
    const out = await inAgent(`orc send ${victim} "echo hello-from-the-sandbox"; orc checkin 1h "look again from the sandbox"`, 'orc.txt');
    expect(out).toMatch(/confirmed/);
    await eventually(async () => expect(await orc(['capture', victim])).toContain('hello-from-the-sandbox'));
    const checkins = JSON.parse(await orc(['checkins', '--agent', confined, '--json'])) as Array<{ note: string }>;
    expect(checkins.map((c) => c.note)).toContain('look again from the sandbox');
  });

  it('runs a team sandboxed by default, and unconfined with orc team create --no-sandbox', async () => {
    const on = uniqueName('sbxteam');
    const off = uniqueName('sbxoff');
    try {
      await orc(['team', 'create', on, '--project', projectDir, '--agents', 'dev:engineer', '--profile', 'shell', '--git-checkpoint', 'off']);
      await orc(['team', 'create', off, '--project', projectDir, '--agents', 'dev:engineer', '--profile', 'shell', '--git-checkpoint', 'off', '--no-sandbox']);
      const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; sandboxed: boolean }>;
      expect([status.find((a) => a.id === `${on}/dev`)?.sandboxed, status.find((a) => a.id === `${off}/dev`)?.sandboxed]).toEqual([true, false]);
    } finally {
      await runOrc(['team', 'stop', on]);
      await runOrc(['team', 'stop', off]);
    }
  });

  it('refuses --sandbox-allow paths that are not absolute, and opens one that is', async () => {
    const bad = await runOrc(['agent', 'start', `${team}/bad`, '--project', projectDir, '--cmd', 'bash', '--sandbox-allow', 'relative/dir']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--sandbox-allow: sandbox path "relative/dir": give an absolute path');
    const opened = `${team}/opened`;
    await orc(['agent', 'start', opened, '--project', projectDir, '--cmd', 'bash --norc --noprofile', '--env', `HOME=${home}`, '--sandbox-allow', `${home}/.ssh`]);
    try {
      expect(await orc(['send', opened, `cat "$HOME/.ssh/id_test" > opened.txt; touch "$HOME/.ssh/x" 2>> opened.txt; echo w=$? >> opened.txt`])).toContain('confirmed');
      const text = await eventually(async () => {
        const t = await readFile(join(projectDir, 'opened.txt'), 'utf8');
        expect(t).toMatch(/w=\d/);
        return t;
      });
      expect(text).toContain(KEY);
      expect(text).toContain('w=1');
    } finally {
      await runOrc(['agent', 'stop', opened]);
    }
  });
});
