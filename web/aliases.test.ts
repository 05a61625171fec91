import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { roomAliases } from './aliases.ts';

const repo = new URL('../', import.meta.url);

/** `paths` of a tsconfig, each target made absolute. */
function pathsOf(tsconfig: URL): Record<string, string[]> {
  const paths = (JSON.parse(readFileSync(tsconfig, 'utf8')) as { compilerOptions: { paths?: Record<string, string[]> } }).compilerOptions.paths ?? {};
  return Object.fromEntries(Object.entries(paths).map(([name, targets]) => [name, targets.map((target) => fileURLToPath(new URL(target, tsconfig)))]));
}

describe('the rooms the web imports by name', () => {
  const expected = Object.fromEntries(Object.entries(roomAliases).map(([name, dir]) => [`${name}/*`, [`${dir}/*`]]));

  it.each(['web/tsconfig.json', 'tsconfig.json'])('are the same for TypeScript in %s as for Vite', (file) => {
    expect(pathsOf(new URL(file, repo))).toEqual(expected);
  });

  // The root tsconfig knows the names too (it type-checks the web's server), but the other
  // rooms run under Node, which knows none of them: only the web may use them.
  it('are used by the web only', () => {
    const aliased = new RegExp(`from '(${Object.keys(roomAliases).map((name) => `\\${name}`).join('|')})/`);
    const outside = ['cli', 'scripts', 'workers', 'activities', 'host', 'workflows', 'domain', 'db', 'testing', 'tests', 'bench'].flatMap((room) =>
      readdirSync(new URL(room, repo), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.split('/').includes('node_modules'))
        .filter((file) => aliased.test(readFileSync(new URL(`${room}/${file}`, repo), 'utf8')))
        .map((file) => `${room}/${file}`),
    );
    expect(outside).toEqual([]);
  });
});
