import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodexConfigError, codexConfigToml, writeCodexConfig } from './codex-config.ts';
import { prepareCodexLaunch } from './codex-launch.ts';

describe('codex config.toml', () => {
  it('turns off the update check and analytics, asks before escalating, and leaves the workspace untrusted', () => {
    const text = codexConfigToml({ workspaceDir: '/work/project' });
    expect(text).toContain('check_for_update_on_startup = false\n');
    expect(text).toContain('approval_policy = "on-request"\n');
    expect(text).toContain('sandbox_mode = "workspace-write"\n');
    expect(text).toContain('[analytics]\nenabled = false\n');
    expect(text).toContain('[projects."/work/project"]\ntrust_level = "untrusted"\n');
    expect(text).not.toContain('model_provider');
  });

  it('with a base URL, names a provider of its own for it (top-level key before every table)', () => {
    const text = codexConfigToml({ workspaceDir: '/p', baseUrl: 'http://127.0.0.1:9/v1' });
    expect(text.indexOf('model_provider = "orc"')).toBeLessThan(text.indexOf('['));
    expect(text).toContain('[model_providers.orc]\nname = "orc"\nbase_url = "http://127.0.0.1:9/v1"\nwire_api = "responses"\nenv_key = "OPENAI_API_KEY"\n');
  });

  it('quotes a path that could break out of its string', () => {
    const text = codexConfigToml({ workspaceDir: '/p/"]\nx = 1 #\x7f' });
    expect(text).toContain('[projects."/p/\\"]\\nx = 1 #\\u007f"]');
  });

  it('refuses a base URL that is not http(s), naming the variable and the value', () => {
    expect(() => codexConfigToml({ workspaceDir: '/p', baseUrl: 'not a url' })).toThrow(CodexConfigError);
    expect(() => codexConfigToml({ workspaceDir: '/p', baseUrl: 'file:///etc/passwd' })).toThrow(/OPENAI_BASE_URL "file:\/\/\/etc\/passwd" must be http or https/);
  });

  it('writes CODEX_HOME/config.toml and an empty rules dir', async () => {
    const home = join(await mkdtemp(join(tmpdir(), 'orc-codex-home-')), 'codex-home');
    const file = await writeCodexConfig(home, { workspaceDir: '/p' });
    expect(await readFile(file, 'utf8')).toContain('trust_level = "untrusted"');
    expect((await stat(join(home, 'rules'))).isDirectory()).toBe(true);
  });
});

describe('a codex launch', () => {
  it('resumes with `resume --last` after the program and keeps the config and rules read-only', async () => {
    const home = join(await mkdtemp(join(tmpdir(), 'orc-codex-home-')), 'codex-home');
    const fresh = await prepareCodexLaunch({ codexHome: home, workspaceDir: tmpdir(), givenEnv: {}, argv: ['/bin/codex', '-c', 'x=1'], resume: false });
    expect(fresh.argv).toEqual(['/bin/codex', '-c', 'x=1']);
    expect(fresh.env).toEqual({ CODEX_HOME: home });
    expect(fresh.readOnly).toEqual([join(home, 'config.toml'), join(home, 'rules')]);
    const resumed = await prepareCodexLaunch({ codexHome: home, workspaceDir: tmpdir(), givenEnv: {}, argv: ['/bin/codex', '-c', 'x=1'], resume: true });
    expect(resumed.argv).toEqual(['/bin/codex', 'resume', '--last', '-c', 'x=1']);
  });
});
