import { describe, expect, it } from 'vitest';
import { environmentForAgents } from './tmux.ts';

describe('environmentForAgents', () => {
  it("takes out orc's own credentials and configuration and keeps a person's tools' settings", () => {
    const kept = environmentForAgents({
      PATH: '/usr/bin',
      HOME: '/home/me',
      LANG: 'C.UTF-8',
      ANTHROPIC_API_KEY: 'sk-person',
      TMUX_TMPDIR: '/run/tmux',
      DATABASE_URL: 'postgres://orc:secret@db/orc',
      PGPASSWORD: 'secret',
      ORC_TOKEN: 'orc_adm_x',
      ORC_DATA_DIR: '/srv/orc',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_TLS_KEY: '/etc/key.pem',
      MY_DATABASE_URL_NOTE: 'a person may name things like this',
    });
    expect(Object.keys(kept).sort()).toEqual(['ANTHROPIC_API_KEY', 'HOME', 'LANG', 'MY_DATABASE_URL_NOTE', 'PATH', 'TMUX_TMPDIR']);
  });
});
