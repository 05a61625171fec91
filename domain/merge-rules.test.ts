import { describe, expect, it } from 'vitest';
import { approvalForMerge, approvalRefusal, approverLabel, checkFailedMessage, type Approver } from './merge-rules.ts';

const target = { team: 'web', agent: 'eng' };
const agent = (name: string, role: Extract<Approver, { kind: 'agent' }>['role'], team = 'web'): Approver => ({ kind: 'agent', agent: { team, agent: name }, role });
const person: Approver = { kind: 'person', name: 'alice' };

describe('who may approve a change', () => {
  it.each([
    ['a person, whatever the rule', 'qa', person, null],
    ['the QA agent under mergeApproval: qa', 'qa', agent('qa', 'qa'), null],
    ['any teammate when the team has no rule', null, agent('pm', 'project-manager'), null],
  ] as const)('lets %s approve', (_, rule, approver, expected) => {
    expect(approvalRefusal(rule, approver, target)).toBe(expected);
  });

  it.each([
    ['the agent itself', 'qa', agent('eng', 'qa'), 'web/eng cannot approve its own change: a teammate or a person must'],
    ['an agent of another role', 'qa', agent('pm', 'project-manager'), "team web's merges need an approval from its qa agent or a person (mergeApproval: qa); web/pm is project-manager"],
    ['any agent when a person must', 'person', agent('qa', 'qa'), "team web's merges need a person's approval (mergeApproval: person); an agent's does not count"],
    ['an agent of another team', null, agent('qa', 'qa', 'api'), "api/qa may approve only its own team's changes, not web/eng"],
  ] as const)('refuses %s, saying why', (_, rule, approver, expected) => {
    expect(approvalRefusal(rule, approver, target)).toBe(expected);
  });

  it('labels approvers as the commit trailer shows them', () => {
    expect(approverLabel(person)).toBe('alice');
    expect(approverLabel(agent('qa', 'qa'))).toBe('web/qa (qa)');
  });
});

describe('whether a merge may go ahead', () => {
  it('needs an approval of this exact change under a rule', () => {
    expect(approvalForMerge('qa', [{ patchDigest: 'd1', approvedBy: 'web/qa (qa)' }], 'd1', target)).toEqual({ ok: true, approvedBy: 'web/qa (qa)' });
    const stale = approvalForMerge('qa', [{ patchDigest: 'd1', approvedBy: 'web/qa (qa)' }], 'd2', target);
    expect(stale).toMatchObject({ ok: false, reason: expect.stringContaining('the approval given earlier was for a change the agent has added to since') });
    expect(approvalForMerge('person', [], 'd1', target)).toEqual({
      ok: false,
      reason: "team web's merges need an approval from a person (mergeApproval: person), and this change of web/eng has none; approve it with: orc approve-merge web/eng",
    });
  });

  it('goes ahead without a rule, still naming an approval that matches', () => {
    expect(approvalForMerge(null, [], 'd1', target)).toEqual({ ok: true, approvedBy: null });
    expect(approvalForMerge(null, [{ patchDigest: 'd1', approvedBy: 'alice' }], 'd1', target)).toEqual({ ok: true, approvedBy: 'alice' });
  });
});

describe('the message a failed check sends', () => {
  it('quotes the end of the output, with its control characters made harmless', () => {
    const output = [...Array.from({ length: 100 }, (_, i) => `line ${i}`), 'FAIL \u001b]52;c;AAAA\u0007 done'].join('\n');
    const text = checkFailedMessage({ branch: 'orc/web/eng', commit: 'abcdef1234567890', command: 'npm test', exitCode: 1, output });
    expect(text.split('\n')[0]).toBe("The team's check `npm test` failed on your branch orc/web/eng (at abcdef123456): it exited with 1. The end of its output:");
    expect(text).not.toContain('line 59\n');
    expect(text).toContain('line 99');
    expect(text).toContain('FAIL \uFFFD]52;c;AAAA\uFFFD done');
    expect([...text].filter((c) => c !== '\n' && c !== '\t' && (c.codePointAt(0) ?? 0) < 0x20)).toEqual([]);
  });

  it('says when the check was stopped', () => {
    expect(checkFailedMessage({ branch: 'b', commit: 'c', command: 'make test', exitCode: null, output: '' })).toContain('it was stopped (timed out)');
  });
});
