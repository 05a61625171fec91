// Files inside the workspace whose contents make code run later: when git runs (orc's own
// checkpoints included), when Claude Code starts or loads MCP servers, when a person's shell
// or editor enters the project. A write to one of them is a way to run anything with the
// person's rights, so it never rides on a learned rule: it waits for a person.
import path from 'node:path';
import { workspaceRoots } from './paths.ts';
import type { PermissionContext } from './types.ts';

/** Directories any file below which is code or config that runs code. */
const CODE_DIRS = ['.git', '.claude', '.husky', '.githooks', '.vscode', '.idea', '.devcontainer', '.direnv', '.config'];

/** Single files at any depth that run code or say what runs. */
const CODE_FILES = new Set([
  '.envrc', '.mcp.json', '.gitattributes', '.gitmodules', '.npmrc', '.yarnrc', '.yarnrc.yml', '.pnpmfile.cjs', '.pre-commit-config.yaml',
  '.lefthook.yml', 'lefthook.yml', '.tool-versions', '.bashrc', '.profile', '.zshrc', '.bash_profile', '.pythonrc', 'sitecustomize.py', 'usercustomize.py',
]);

/**
 * Why writing `target` (absolute) would make code run later, or null. Only places inside the
 * workspace are judged here: writes elsewhere are judged as outside the workspace.
 */
export function codeRunningFile(target: string, context: PermissionContext): string | null {
  for (const root of workspaceRoots(context)) {
    const relative = path.posix.relative(root, target);
    if (relative === '' || relative.startsWith('..') || path.posix.isAbsolute(relative)) continue;
    const segments = relative.split('/');
    const dir = segments.slice(0, -1).find((segment) => CODE_DIRS.includes(segment));
    if (dir !== undefined) return `${relative} is in ${dir}/, whose files make code run (hooks, settings, tasks)`;
    const name = segments[segments.length - 1] ?? '';
    if (CODE_DIRS.includes(name)) return `${relative} is a directory whose files make code run`;
    if (CODE_FILES.has(name)) return `${relative} makes code run when a tool or shell reads it`;
  }
  return null;
}
