// What a person sees of a request: the command, the file or the URL, shortened for a table.
// Stored inputs are shortened too: a Write of a large file must not make every row large.
const DISPLAY_CHARS = 500;
const STORED_STRING_CHARS = 20_000;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function requestDisplayText(toolName: string, toolInput: Readonly<Record<string, unknown>>): string {
  const subject = toolInput['command'] ?? toolInput['file_path'] ?? toolInput['notebook_path'] ?? toolInput['url'] ?? toolInput['pattern'] ?? toolInput['path'];
  const text = typeof subject === 'string' ? subject : JSON.stringify(toolInput);
  return shorten(toolName === 'Bash' ? text : `${toolName} ${text}`, DISPLAY_CHARS);
}

/** The input as stored: long strings other than the command (which was bounded at the door) cut short. */
export function storedToolInput(toolInput: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(toolInput)) {
    stored[key] = typeof value === 'string' && key !== 'command' ? shorten(value, STORED_STRING_CHARS) : value;
  }
  return stored;
}
