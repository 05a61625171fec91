// A stand-in for the OpenAI Responses API on loopback, so tests can drive the real Codex CLI
// with no internet and with replies the test decides (docs/agent-clis.md says what Codex
// 0.171.0 sends and accepts). Modelled on scripted-messages-api.ts.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, zstdDecompressSync } from 'node:zlib';

/** What the model says: text, or a call of one of the tools the CLI offered (arguments as an object). */
export type ResponseReply = { text: string } | { functionCall: { name: string; arguments: Record<string, unknown> } };

export interface FunctionCallOutput {
  callId: string;
  /** The output as text; Codex sends a string (or, for some tools, content items joined here). */
  output: string;
}

export interface ResponsesScriptContext {
  /** The last text the person typed (a `user` message), skipping the CLI's injected context blocks. */
  lastUserText: string | undefined;
  /** function_call_output items sent after that text, oldest first: non-empty means "a tool just ran". */
  toolOutputs: FunctionCallOutput[];
  body: unknown;
}

export type ResponsesScript = (ctx: ResponsesScriptContext) => ResponseReply;

export interface RecordedResponsesRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Names of the function tools the request offered. */
  toolNames: string[];
  /** True for requests that offer no tools (Codex's thread-title request) and for other routes: they never reach the script. */
  sideQuery: boolean;
  userText: string | undefined;
  toolOutputs: FunctionCallOutput[];
  reply: ResponseReply | undefined;
  body: unknown;
}

export interface ScriptedResponsesApi {
  /** The base URL a CLI takes (`…/v1`). */
  url: string;
  port: number;
  requests: RecordedResponsesRequest[];
  /** The first tool output the CLI sent back in a conversation whose last typed text contains `text`. */
  toolOutputAfter(text: string): FunctionCallOutput | undefined;
  setScript(s: ResponsesScript): void;
  close(): Promise<void>;
}

/** `reply with <WORD>` answers exactly WORD, after a tool ran it answers `done`, else an echo. */
export const defaultResponsesScript: ResponsesScript = ({ lastUserText, toolOutputs }) => {
  if (toolOutputs.length > 0) return { text: 'done' };
  const match = /^\s*reply with (\S+)\s*$/i.exec(lastUserText ?? '');
  if (match?.[1] !== undefined) return { text: match[1] };
  return { text: `scripted reply to: ${lastUserText ?? ''}` };
};

const SIDE_QUERY_TEXT = 'Scripted side answer';

export async function startScriptedResponsesApi(script: ResponsesScript = defaultResponsesScript): Promise<ScriptedResponsesApi> {
  let current = script;
  const requests: RecordedResponsesRequest[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'server_error', message: String(error) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const body = parseJson(await readBody(req));
    const toolNames = toolNamesOf(body);
    const sideQuery = method !== 'POST' || path !== '/v1/responses' || toolNames.length === 0;
    const record = (reply: ResponseReply | undefined, userText?: string, toolOutputs: FunctionCallOutput[] = []): void => {
      requests.push({ method, path, headers: req.headers, toolNames, sideQuery, userText, toolOutputs, reply, body });
    };
    if (method === 'GET' && path === '/v1/models') {
      record(undefined);
      sendJson(res, 200, { object: 'list', data: [], models: [] });
      return;
    }
    if (method !== 'POST' || path !== '/v1/responses') {
      record(undefined);
      sendJson(res, 404, { error: { type: 'not_found', message: `no route ${method} ${path}` } });
      return;
    }
    const input = field(body, 'input');
    const { text: userText, toolOutputs } = readConversation(Array.isArray(input) ? input : []);
    const reply: ResponseReply = sideQuery ? { text: SIDE_QUERY_TEXT } : current({ lastUserText: userText, toolOutputs, body });
    record(reply, userText, toolOutputs);
    streamReply(res, reply, String(field(body, 'model') ?? 'gpt-scripted'));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    toolOutputAfter: (text) => requests.find((r) => !r.sideQuery && r.userText?.includes(text) && r.toolOutputs.length > 0)?.toolOutputs[0],
    setScript(s) {
      current = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  // The CLI may compress request bodies; undo what it declares.
  const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'zstd') return zstdDecompressSync(raw).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(raw).toString('utf8');
  return raw.toString('utf8');
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

/**
 * Names of the tools a request offers: in its `tools` list, or (Codex 0.171.0 with its default
 * model) in an `additional_tools` input item, where the shell arrives inside a code-mode `exec`
 * tool. Codex runs an `exec_command` function call either way.
 */
function toolNamesOf(body: unknown): string[] {
  const input = field(body, 'input');
  const extra = Array.isArray(input) ? input.filter((item) => field(item, 'type') === 'additional_tools').flatMap((item) => asArray(field(item, 'tools'))) : [];
  const names = (tools: unknown[]): string[] =>
    tools.flatMap((tool) => [String(field(tool, 'name') ?? field(tool, 'type') ?? '?'), ...names(asArray(field(tool, 'tools')))]);
  return names([...asArray(field(body, 'tools')), ...extra]);
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Context the CLI injects as user messages (environment, AGENTS.md, instructions): not typed by a person. */
function isInjected(text: string): boolean {
  return /^\s*(<[a-z_]+[\s>]|# AGENTS\.md)/i.test(text);
}

function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof field(part, 'text') === 'string' ? String(field(part, 'text')) : '')).join('');
}

/** Finds the last genuine user text and the tool outputs that came after it. */
function readConversation(input: unknown[]): { text: string | undefined; toolOutputs: FunctionCallOutput[] } {
  let text: string | undefined;
  let toolOutputs: FunctionCallOutput[] = [];
  for (const item of input) {
    const type = field(item, 'type');
    if ((type === 'message' || type === undefined) && field(item, 'role') === 'user') {
      const value = textOfContent(field(item, 'content'));
      if (value.trim() === '' || isInjected(value)) continue;
      text = value;
      toolOutputs = [];
    } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      const output = field(item, 'output');
      toolOutputs.push({ callId: String(field(item, 'call_id') ?? ''), output: typeof output === 'string' ? output : textOfContent(output) });
    }
  }
  return { text, toolOutputs };
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

const USAGE = {
  input_tokens: 10,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 5,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 15,
};

function outputItem(reply: ResponseReply): Record<string, unknown> {
  if ('text' in reply) {
    return { type: 'message', id: newId('msg'), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: reply.text, annotations: [] }] };
  }
  return {
    type: 'function_call',
    id: newId('fc'),
    call_id: newId('call'),
    name: reply.functionCall.name,
    arguments: JSON.stringify(reply.functionCall.arguments),
    status: 'completed',
  };
}

function streamReply(res: ServerResponse, reply: ResponseReply, model: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  let sequence = 0;
  const send = (type: string, data: Record<string, unknown>): void => {
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  };
  const id = newId('resp');
  const base = { id, object: 'response', created_at: Math.floor(Date.now() / 1000), model };
  const item = outputItem(reply);
  send('response.created', { response: { ...base, status: 'in_progress', output: [] } });
  if ('text' in reply) {
    send('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
    send('response.content_part.added', { item_id: item.id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    send('response.output_text.delta', { item_id: item.id, output_index: 0, content_index: 0, delta: reply.text });
    send('response.output_text.done', { item_id: item.id, output_index: 0, content_index: 0, text: reply.text });
  } else {
    send('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } });
    send('response.function_call_arguments.delta', { item_id: item.id, output_index: 0, delta: item.arguments });
    send('response.function_call_arguments.done', { item_id: item.id, output_index: 0, arguments: item.arguments });
  }
  send('response.output_item.done', { output_index: 0, item });
  send('response.completed', { response: { ...base, status: 'completed', output: [item], usage: USAGE } });
  res.end();
}
