// Claude Code reports the submitted prompt in its UserPromptSubmit hook. Short text comes back
// as typed (up to trailing whitespace and line endings); a long paste (about ten lines and
// more, in 2.1.328) comes back wrapped: "\n\n<pasted_content id=\"b129\">\n…text…\n</pasted_content>".
const PASTE_TAG = /<\/?pasted_content(?:\s+id="[^"]*")?>/g;

const normalize = (text: string): string =>
  text.replace(/\r\n?/g, '\n').replace(PASTE_TAG, '').replace(/[ \t]+$/gm, '').trim();

export function promptMatches(submitted: string, typed: string): boolean {
  return normalize(submitted) === normalize(typed);
}
