// A stand-in for the Anthropic Messages API on loopback, so tests can drive the real
// Claude Code CLI with no internet and with replies the test decides (see
// /work/shared/CLAUDE-CODE.md section 1 for what the CLI sends and accepts).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The token counts the API reports for one reply, in the Messages API's own field names. */
export interface ReplyUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * What the model says: text, or a tool call. `usage` overrides the counts it reports;
 * `delayMs` holds the reply back that long after its first event, so the CLI stays busy with a
 * turn (for tests that interrupt one).
 */
export type MessageReply = ({ text: string } | { toolUse: { name: string; input: Record<string, unknown> } }) & { usage?: ReplyUsage; delayMs?: number };

export type Reply =
  | MessageReply
  /** A 429 as the Messages API sends it at a plan's limit, with its unified rate-limit headers. */
  | { rateLimited: { resetAt: Date } };

export interface ToolResult {
  toolUseId: string;
  /** The result's text blocks joined; the CLI sends either a string or text blocks. */
  content: string;
  isError: boolean;
}

export interface ScriptContext {
  /** The last text the person typed, with injected `<system-reminder>`-style blocks skipped. */
  lastUserText: string | undefined;
  /** tool_result blocks sent after that text, oldest first: non-empty means "a tool just ran". */
  toolResults: ToolResult[];
  body: unknown;
}

export type Script = (ctx: ScriptContext) => Reply;

export interface RecordedRequest {
  method: string;
  path: string;
  /** True for requests without a Bash tool (titles, summaries) and for non-message routes: they never reach the script. */
  sideQuery: boolean;
  userText: string | undefined;
  toolResults: ToolResult[];
  reply: Reply | undefined;
  /** The parsed request body, for assertions the summary fields do not cover. */
  body: unknown;
}

export interface ScriptedMessagesApi {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** The first tool result the CLI sent back in a conversation whose last typed text contains `text`. */
  toolResultAfter(text: string): ToolResult | undefined;
  setScript(s: Script): void;
  close(): Promise<void>;
}

/** `reply with <WORD>` answers exactly WORD, after a tool ran it answers `done`, else an echo. */
export const defaultScript: Script = ({ lastUserText, toolResults }) => {
  if (toolResults.length > 0) return { text: 'done' };
  const match = /^\s*reply with (\S+)\s*$/i.exec(lastUserText ?? '');
  if (match?.[1] !== undefined) return { text: match[1] };
  return { text: `scripted reply to: ${lastUserText ?? ''}` };
};

const SIDE_QUERY_TEXT = 'Scripted side answer';

export async function startScriptedMessagesApi(script: Script = defaultScript): Promise<ScriptedMessagesApi> {
  let current = script;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(error) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (method === 'POST' && path === '/v1/messages/count_tokens') {
      requests.push({ method, path, sideQuery: true, userText: undefined, toolResults: [], reply: undefined, body: parseJson(raw) });
      sendJson(res, 200, { input_tokens: Math.max(1, Math.ceil(raw.length / 4)) });
      return;
    }
    if (method !== 'POST' || path !== '/v1/messages') {
      requests.push({ method, path, sideQuery: true, userText: undefined, toolResults: [], reply: undefined, body: parseJson(raw) });
      sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${method} ${path}` } });
      return;
    }
    const body = parseJson(raw);
    const messages = field(body, 'messages');
    const { text: userText, toolResults } = readConversation(Array.isArray(messages) ? messages : []);
    const sideQuery = !hasBashTool(body);
    const reply: Reply = sideQuery ? { text: SIDE_QUERY_TEXT } : current({ lastUserText: userText, toolResults, body });
    requests.push({ method, path, sideQuery, userText, toolResults, reply, body });
    if ('rateLimited' in reply) {
      const reset = String(Math.floor(reply.rateLimited.resetAt.getTime() / 1000));
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(Math.max(1, Math.ceil((reply.rateLimited.resetAt.getTime() - Date.now()) / 1000))),
        'anthropic-ratelimit-unified-status': 'rejected',
        'anthropic-ratelimit-unified-reset': reset,
        'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        'anthropic-ratelimit-unified-5h-status': 'rejected',
        'anthropic-ratelimit-unified-5h-reset': reset,
      });
      res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: "This request would exceed your account's rate limit. Please try again later." } }));
      return;
    }
    const model = String(field(body, 'model') ?? 'claude-scripted');
    if (field(body, 'stream') === true) streamReply(res, reply, model);
    else if (reply.delayMs) setTimeout(() => { if (!res.destroyed) sendJson(res, 200, messageJson(reply, model)); }, reply.delayMs);
    else sendJson(res, 200, messageJson(reply, model));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    toolResultAfter: (text) => requests.find((r) => !r.sideQuery && r.userText?.includes(text) && r.toolResults.length > 0)?.toolResults[0],
    setScript(s) {
      current = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // The CLI keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function hasBashTool(body: unknown): boolean {
  const tools = field(body, 'tools');
  return Array.isArray(tools) && tools.some((tool) => field(tool, 'name') === 'Bash');
}

/** Blocks the CLI injects into user turns; they are not what the person typed. */
function isInjected(text: string): boolean {
  return /^\s*<(system-reminder|command-name|command-message|command-args|local-command-stdout|local-command-caveat)[\s>]/.test(text);
}

function blocksOf(message: unknown): unknown[] {
  const content = field(message, 'content');
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content : [];
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((block) => (field(block, 'type') === 'text' ? String(field(block, 'text') ?? '') : '')).join('');
}

/** Finds the last genuine user text and the tool results that came after it. */
function readConversation(messages: unknown[]): { text: string | undefined; toolResults: ToolResult[] } {
  let text: string | undefined;
  let toolResults: ToolResult[] = [];
  for (const message of messages) {
    if (field(message, 'role') !== 'user') continue;
    for (const block of blocksOf(message)) {
      const type = field(block, 'type');
      if (type === 'text') {
        const value = String(field(block, 'text') ?? '');
        if (value.trim() === '' || isInjected(value)) continue;
        text = value;
        toolResults = [];
      } else if (type === 'tool_result') {
        toolResults.push({
          toolUseId: String(field(block, 'tool_use_id') ?? ''),
          content: textOf(field(block, 'content')),
          isError: field(block, 'is_error') === true,
        });
      }
    }
  }
  return { text, toolResults };
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function contentBlock(reply: MessageReply): Record<string, unknown> {
  return 'text' in reply
    ? { type: 'text', text: reply.text }
    : { type: 'tool_use', id: newId('toolu'), name: reply.toolUse.name, input: reply.toolUse.input };
}

function stopReason(reply: MessageReply): string {
  return 'text' in reply ? 'end_turn' : 'tool_use';
}

/** What every reply reports unless the script says otherwise. */
export const DEFAULT_USAGE: ReplyUsage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

function messageJson(reply: MessageReply, model: string): Record<string, unknown> {
  return {
    id: newId('msg'),
    type: 'message',
    role: 'assistant',
    model,
    content: [contentBlock(reply)],
    stop_reason: stopReason(reply),
    stop_sequence: null,
    usage: reply.usage ?? DEFAULT_USAGE,
  };
}

function streamReply(res: ServerResponse, reply: MessageReply, model: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (event: string, data: Record<string, unknown>): void => {
    res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
  const block = contentBlock(reply);
  const usage = reply.usage ?? DEFAULT_USAGE;
  // As the real API streams it: message_start carries the input and cache counts with a
  // provisional output count of 1; message_delta carries the final output count.
  send('message_start', { message: { ...messageJson(reply, model), content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } });
  if (reply.delayMs) {
    // The rest comes later, unless the CLI hung up meanwhile (interrupted).
    const { delayMs, ...rest } = reply;
    setTimeout(() => {
      if (!res.destroyed && !res.writableEnded) streamRest(res, rest, block, send);
    }, delayMs);
    return;
  }
  streamRest(res, reply, block, send);
}

function streamRest(res: ServerResponse, reply: MessageReply, block: Record<string, unknown>, send: (event: string, data: Record<string, unknown>) => void): void {
  if ('text' in reply) {
    send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: reply.text } });
  } else {
    // The input arrives only as input_json_delta; the start block carries an empty object.
    send('content_block_start', { index: 0, content_block: { ...block, input: {} } });
    send('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: JSON.stringify(reply.toolUse.input) } });
  }
  send('content_block_stop', { index: 0 });
  send('message_delta', { delta: { stop_reason: stopReason(reply), stop_sequence: null }, usage: { output_tokens: (reply.usage ?? DEFAULT_USAGE).output_tokens } });
  send('message_stop', {});
  res.end();
}
