// Claude Code reports the submitted prompt in its UserPromptSubmit hook; the text it reports
// can differ from what was typed in trailing whitespace and line endings only.
const normalize = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();

export function promptMatches(submitted: string, typed: string): boolean {
  return normalize(submitted) === normalize(typed);
}
