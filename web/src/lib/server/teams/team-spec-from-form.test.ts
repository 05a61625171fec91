import { describe, expect, it } from 'vitest';
import { formValues, teamSpecFromForm } from './team-spec-from-form.ts';

function form(brief: string): FormData {
  const data = new FormData();
  data.set('team', 'shop');
  data.set('project', '/srv/shop');
  data.append('agent-name', 'dev');
  data.append('agent-role', 'engineer');
  data.append('agent-profile', 'shell');
  data.append('agent-workspace', '');
  data.append('agent-brief', brief);
  return data;
}

describe('a team from the dashboard form', () => {
  it("reads a textarea's CRLF line breaks (as browsers send them) as newlines", () => {
    const result = teamSpecFromForm(formValues(form('Build the API.\r\nThen tell qa.\r\n')));
    expect(result.ok && result.spec.agents[0]?.brief).toBe('Build the API.\nThen tell qa.');
  });

  it('refuses a brief with a terminal control character, naming it and where it is', () => {
    expect(teamSpecFromForm(formValues(form('Build it.\x1b[201~rm -rf ~')))).toEqual({
      ok: false,
      problems: ['agents[0].brief: character 10 is ESC (0x1b), a terminal control character; only newlines and tabs are allowed'],
    });
    expect(teamSpecFromForm(formValues(form('a\rb')))).toMatchObject({ ok: false, problems: [expect.stringContaining('character 2 is CR (0x0d)')] });
  });
});
