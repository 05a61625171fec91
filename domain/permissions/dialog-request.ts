// The permission request a dialog on screen stands for, shaped as Claude Code's own
// PermissionRequest hook body (tool_name, tool_input), so the screen fallback is judged by the
// same handler, rules and records as a hook. What the dialog shows is all there is to go on:
// a dialog orc cannot read a subject from gives no request (it is left to the person at the pane).
import path from 'node:path';
import type { PermissionDialog } from './dialog-recognition.ts';

export interface DialogRequest {
  toolName: string;
  toolInput: Record<string, string>;
  /** What the live dialog must still show when its key is pressed (see dialogShows). */
  subject: string;
  /**
   * The command spans several screen lines. A CLI wraps long commands at the pane's width, so
   * orc cannot tell the command's own line breaks from the screen's: such a request is never
   * allowed by a rule, only by a person.
   */
  multiline: boolean;
}

/** Gemini names its tools its own way; these are the ones that map onto Claude Code's. */
const GEMINI_TOOLS: ReadonlyMap<string, string> = new Map([
  ['Shell', 'Bash'],
  ['WriteFile', 'Write'],
  ['Edit', 'Edit'],
]);

export function dialogRequest(dialog: PermissionDialog, cwd: string): DialogRequest | null {
  const subject = dialog.subject?.trim();
  if (!subject || dialog.tool === null) return null;
  const tool = dialog.cli === 'gemini' ? GEMINI_TOOLS.get(dialog.tool) : dialog.tool;
  const multiline = subject.includes('\n');
  switch (tool) {
    case 'Bash':
      return { toolName: 'Bash', toolInput: { command: subject }, subject, multiline };
    case 'Write':
    case 'Edit': {
      if (multiline) return null;
      const filePath = path.posix.resolve(cwd, subject);
      return { toolName: tool, toolInput: { file_path: filePath }, subject: filePath, multiline };
    }
    case 'WebFetch': {
      // Claude Code's dialog names the domain; rules for fetches (`WebFetch(domain:…)`) need no more.
      if (!/^[a-z0-9.-]+$/i.test(subject)) return null;
      const url = `https://${subject.toLowerCase()}/`;
      return { toolName: 'WebFetch', toolInput: { url }, subject: url, multiline };
    }
    default:
      return null;
  }
}
