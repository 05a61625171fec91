// One owner per fact: paths under the data dir are joined only in domain/data-layout.ts, and
// agent ids, workflow ids and agent branches are spelled only in domain/names.ts. When two
// places build the same path by hand they drift apart (the web once looked for a worktree agent
// in <data>/worktrees while the worker made it in <data>/hosts/<host>/worktrees), so this test
// reads the source and names every line that builds one outside its owner.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROOMS = ['activities', 'host', 'workflows', 'workers', 'web/src', 'db', 'cli', 'scripts', 'domain', 'testing', 'bench'];
const SKIPPED_DIRS = new Set(['node_modules', '.svelte-kit', 'build']);

interface Owned {
  what: string;
  owner: string;
  patterns: RegExp[];
}

const OWNED: Owned[] = [
  {
    what: 'a path under the data dir',
    owner: 'domain/data-layout.ts',
    patterns: [
      /ORC_DATA_DIR\s*\?\?/,
      // (A CLI command named like a folder is not a path.)
      /(?<!command\()['"`](?:hosts|worktrees|scratch|admin-token|secret-key|delivered-message-ids|claude-settings\.json|screen-fallback\.json|temporal\.sqlite|pglite)['"`]/,
    ],
  },
  {
    what: 'an agent id, workflow id or agent branch',
    owner: 'domain/names.ts',
    patterns: [/`\$\{[^}`]*\bteam\b[^}`]*\}\/\$\{/i, /`(?:agent|team|orc)\/\$\{/],
  },
];

// Tests spell the paths and ids they expect, so that a wrong owner fails them; the code they test may not.
const isTest = (file: string) => file.startsWith('tests/') || file.endsWith('.test.ts');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...(await sourceFiles(path)));
    } else if (/\.(ts|svelte)$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/** Lines that build an owned fact outside its owner, as `file:line: text`. */
export function strayLines(file: string, text: string, owned: Owned): string[] {
  if (file === owned.owner || file === owned.owner.replace(/\.ts$/, '.test.ts')) return [];
  const stray: string[] = [];
  text.split('\n').forEach((line, index) => {
    const code = line.trimStart();
    if (code.startsWith('//') || code.startsWith('*')) return;
    if (owned.patterns.some((pattern) => pattern.test(line))) stray.push(`${file}:${index + 1}: ${code}`);
  });
  return stray;
}

describe('one owner per fact', () => {
  it('knows a stray path or id when it sees one (the check can fail)', () => {
    const [paths, ids] = OWNED as [Owned, Owned];
    expect(strayLines('web/x.ts', "const dir = resolve(dataDir, 'worktrees', team, agent);", paths)).toHaveLength(1);
    expect(strayLines('web/x.ts', 'const id = `${spec.team}/${agent.name}`;', ids)).toHaveLength(1);
    expect(strayLines('web/x.ts', 'const id = `team/${name}`;', ids)).toHaveLength(1);
    expect(strayLines('domain/names.ts', 'const id = `${team}/${agent}`;', ids)).toEqual([]);
    expect(strayLines('web/x.ts', 'const id = agentId(team, agent);', ids)).toEqual([]);
  });

  for (const owned of OWNED) {
    it(`builds ${owned.what} only in ${owned.owner}`, async () => {
      const files = (await Promise.all(ROOMS.map((room) => sourceFiles(room)))).flat().map((file) => relative('.', file));
      const stray: string[] = [];
      for (const file of files) {
        if (isTest(file)) continue;
        stray.push(...strayLines(file, await readFile(join(ROOT, file), 'utf8'), owned));
      }
      expect(stray, `build ${owned.what} with ${owned.owner} instead`).toEqual([]);
    });
  }
});
