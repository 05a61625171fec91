// Reading a tmux control-mode client's lines: output with its escapes undone, replies framed by
// %begin/%end (whatever their lines look like), and the other notifications.
import { describe, expect, it } from 'vitest';
import { createControlReader, decodeControlOutput, type ControlEvent } from './control-mode.ts';

const read = (lines: string[]) => {
  const reader = createControlReader();
  return lines.map((line) => reader.line(line)).filter((e): e is ControlEvent => e !== null);
};

describe('decodeControlOutput', () => {
  it('undoes the octal escapes tmux writes for control characters and backslashes', () => {
    expect(decodeControlOutput('hi\\134 there\\015\\012\\011x')).toBe('hi\\ there\r\n\tx');
  });
  it('reads escaped bytes as UTF-8, and leaves text without escapes as it is', () => {
    expect(decodeControlOutput('\\342\\234\\224 done')).toBe('✔ done');
    expect(decodeControlOutput('› 1. Yes')).toBe('› 1. Yes');
  });
  it('keeps a backslash that is not followed by three octal digits', () => {
    expect(decodeControlOutput('a\\9b\\12')).toBe('a\\9b\\12');
  });
});

describe('createControlReader', () => {
  it('reports output with its pane and decoded text', () => {
    expect(read(['%output %12 $ ls\\015\\012'])).toEqual([{ kind: 'output', paneId: '%12', data: '$ ls\r\n' }]);
  });
  it('reads a reply as one event, even when its lines look like notifications', () => {
    const events = read(['%begin 1796058969 278 1', '%output %3 not output', '%end 1 2 3', '%end 1796058969 278 1', '%output %3 x']);
    expect(events).toEqual([
      { kind: 'reply', ok: true, lines: ['%output %3 not output', '%end 1 2 3'] },
      { kind: 'output', paneId: '%3', data: 'x' },
    ]);
  });
  it('tells a failed command by %error', () => {
    expect(read(['%begin 5 9 0', "can't find session", '%error 5 9 0'])).toEqual([{ kind: 'reply', ok: false, lines: ["can't find session"] }]);
  });
  it('names other notifications, and the exit with its reason', () => {
    expect(read(['%window-add @4', '%sessions-changed', '%exit server exited'])).toEqual([
      { kind: 'notification', name: 'window-add', args: ['@4'] },
      { kind: 'notification', name: 'sessions-changed', args: [] },
      { kind: 'exit', reason: 'server exited' },
    ]);
  });
  it('reads extended output, and ignores output lines without a pane id', () => {
    expect(read(['%extended-output %7 120 : ok\\012', '%output nonsense', 'stray text'])).toEqual([{ kind: 'output', paneId: '%7', data: 'ok\n' }]);
  });
  it('takes a line ending in CR as the same line', () => {
    expect(read(['%output %1 a\r'])).toEqual([{ kind: 'output', paneId: '%1', data: 'a' }]);
  });
});
