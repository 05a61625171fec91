// Reading Claude Code 2.1.328's screen from capture-pane text. Observed verbatim on a
// 200x50 pane; see testing/CLAUDE-CODE-NOTES.md.

/** The input line starts with "❯" and a NO-BREAK SPACE (U+00A0), not a plain space. */
export const PROMPT_PREFIX = '❯\u00a0';

/** The footer hint shown only while the input box is empty and nothing is running. */
export const READY_FOOTER_HINT = '? for shortcuts';

export const PERMISSION_QUESTION = 'Do you want to proceed?';

/**
 * Ready for input: an empty prompt line plus the footer. Text typed before this is kept,
 * but an Enter sent before the prompt is drawn is lost, so wait for this first.
 */
export { claudeCodeIsReady as isReadyForInput } from '../domain/pane-recognition.ts';
