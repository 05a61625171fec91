import { describe, expect, it } from 'vitest';
import { safeTarget } from './safe-target.ts';

describe('safeTarget', () => {
  it.each(['/', '/approvals', '/agents/web/dev', '/log?team=web&q=a%20b', '/rules#r1', '/%2F%2Fevil.example', '/a//b'])('keeps the path %j on this site', (to) => {
    expect(safeTarget(to)).toBe(to);
  });

  it.each<[string | null, string]>([
    [null, 'no target'],
    ['', 'an empty one'],
    ['approvals', 'a relative path'],
    ['https://evil.example/', 'another site'],
    ['//evil.example', 'a protocol-relative URL'],
    ['/\\evil.example', 'a backslash a browser reads as a second slash'],
    ['/\\/evil.example', 'a backslash and a slash'],
    ['/\t/evil.example', 'a tab a browser drops, leaving //'],
    ['/\n/evil.example', 'a newline a browser drops'],
    ['/\r\nSet-Cookie: x=1', 'a header break'],
    ['/ /evil.example', 'a space'],
    ['javascript:alert(1)', 'a script URL'],
  ])('sends %j (%s) to the overview instead', (to) => {
    expect(safeTarget(to)).toBe('/');
  });
});
