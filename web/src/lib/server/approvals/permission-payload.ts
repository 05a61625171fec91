// The PermissionRequest hook's body, validated before anything is decided or recorded. A
// command no person could read (over 100,000 characters) is refused outright: the engine would
// leave it undecided anyway, and storing it would let one agent fill the table.
import { z } from 'zod';

export const MAX_COMMAND_CHARS = 100_000;

export const permissionPayload = z
  .object({
    session_id: z.string().max(200).optional(),
    hook_event_name: z.string().max(100).optional(),
    tool_name: z.string().min(1).max(200),
    tool_input: z.record(z.string(), z.unknown()),
    /** Not sent by Claude Code 2.1.328 (PreToolUse carries it); used when present. */
    tool_use_id: z.string().max(200).optional(),
    cwd: z.string().max(4096).optional(),
    /** Set by the host's screen fallback: the request was read off the agent's own dialog (host/screen-fallback/screen-fallback.ts). */
    orc_screen: z.object({ cli: z.string().max(40), multiline: z.boolean() }).optional(),
  })
  .loose()
  .superRefine((body, ctx) => {
    const command = body.tool_input['command'];
    if (typeof command === 'string' && command.length > MAX_COMMAND_CHARS) {
      ctx.addIssue({ code: 'custom', path: ['tool_input', 'command'], message: `the command is ${command.length} characters; orc judges commands of at most ${MAX_COMMAND_CHARS}` });
    }
  });

export type PermissionPayload = z.infer<typeof permissionPayload>;
