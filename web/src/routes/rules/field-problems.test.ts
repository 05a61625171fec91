import { describe, expect, it } from 'vitest';
import { fieldProblems } from './field-problems.ts';

describe('fieldProblems', () => {
  it('puts each invalid field\'s message by that field', () => {
    expect(fieldProblems('project: scope project needs the project dir; team: a team is only for --scope team, not project')).toEqual({
      project: 'scope project needs the project dir',
      team: 'a team is only for --scope team, not project',
    });
  });

  it('gives any other refusal, including one with semicolons, to the rule text', () => {
    const message = 'Invalid permission rule "Bash(npm": the specifier is not closed with ")" at the end; nothing was saved';
    expect(fieldProblems(message)).toEqual({ rule: message });
    expect(fieldProblems('a viewer token can only read; change permission rules needs an admin token')).toEqual({ rule: 'a viewer token can only read; change permission rules needs an admin token' });
  });
});
