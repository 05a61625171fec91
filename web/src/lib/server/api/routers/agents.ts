// The agents API: start, stop, restart, send, capture, controls, the live screen, status.
import { TRPCError } from '@trpc/server';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { DEFAULT_AGENT_COMMAND, InvalidCommandError, parseAgentCommand } from '$domain/agent-command.ts';
import { terminalText } from '$domain/control-characters.ts';
import { MAX_CAPTURE_LINES } from '$domain/pane-text.ts';
import { capturePane, listAgents, sendMessage, startAgent, stopAgent } from '#lib/server/agents/agent-control.ts';
import { restartAgent } from '#lib/server/agents/agent-restart.ts';
import { controlAgent } from '#lib/server/agents/agent-controls.ts';
import { MODEL_NAME, MODEL_NAME_RULE, PERMISSION_MODES } from '$domain/agent-controls.ts';
import { withNeedsPerson } from '#lib/server/agents/needs-person.ts';
import { watchScreen } from '#lib/server/agents/screen-stream.ts';
import { adminProcedure, authedProcedure, router } from '../trpc.ts';
import { agentRef } from './agent-ref.ts';
import { MAX_MCP_SERVERS_NAMED, MCP_SERVER_NAME, MCP_SERVER_NAME_RULE } from '$domain/project-mcp-servers.ts';

const envName = /^[A-Za-z_][A-Za-z0-9_]{0,100}$/;

/** A sandbox.allow path: absolute or under the home (~/), no `..` (domain/sandbox.ts parseSandboxPath). */
const sandboxPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => (p.startsWith('/') || p === '~' || p.startsWith('~/')) && !p.split('/').includes('..'), { message: 'sandbox paths are absolute (or ~/…) with no ..' });

export const sandboxInput = z
  .object({ enabled: z.boolean(), allow: z.array(z.object({ path: sandboxPath, writable: z.boolean() })).max(32).default([]) })
  .default({ enabled: true, allow: [] });

/** One control of an agent's CLI (domain/agent-controls.ts); a person's only: keys reach its screen. */
const controlInput = z.discriminatedUnion('control', [
  z.object({ control: z.literal('interrupt') }),
  z.object({ control: z.literal('mode'), mode: z.enum(PERMISSION_MODES) }),
  z.object({ control: z.literal('compact') }),
  z.object({ control: z.literal('clear') }),
  z.object({ control: z.literal('model'), model: z.string().regex(MODEL_NAME, { message: `a model name is ${MODEL_NAME_RULE}` }) }),
]);

export const agentsRouter = router({
  start: adminProcedure
    .input(
      z.object({
        agent: agentRef,
        projectDir: z.string().min(1).max(4096).refine(isAbsolute, { message: 'projectDir must be an absolute path' }),
        command: z.string().max(4096).optional(),
        env: z
          .record(z.string().regex(envName, { message: 'environment variable names are letters, digits and _' }), z.string().max(65_536))
          .default({}),
        host: z.string().regex(/^[a-z0-9.-]{1,63}$/).optional(),
        /** False: Claude Code without orc's hooks; the host answers its dialogs from its screen. */
        hooks: z.boolean().default(true),
        /** The agent's bubblewrap sandbox: on unless `enabled: false`; `allow` opens more paths. */
        sandbox: sandboxInput,
        /** Claude Code: the project's MCP servers (`.mcp.json`) it may start; every other one is disabled. */
        mcpServers: z.array(z.string().regex(MCP_SERVER_NAME, { message: `MCP server names are ${MCP_SERVER_NAME_RULE}` })).max(MAX_MCP_SERVERS_NAMED).default([]),
      }),
    )
    .mutation(({ ctx, input }) => {
      let argv: string[];
      try {
        argv = parseAgentCommand(input.command ?? DEFAULT_AGENT_COMMAND);
      } catch (err) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: err instanceof InvalidCommandError ? err.message : String(err) });
      }
      return startAgent(ctx.services, { ref: input.agent, projectDir: input.projectDir, argv, env: input.env, host: input.host, hooks: input.hooks, sandbox: input.sandbox, mcpServers: input.mcpServers });
    }),

  stop: adminProcedure.input(z.object({ agent: agentRef })).mutation(({ ctx, input }) => stopAgent(ctx.services, input.agent)),

  /** Stops the agent and starts it again: a team member through its team, any other with the same host, project and command. */
  restart: adminProcedure.input(z.object({ agent: agentRef })).mutation(({ ctx, input }) => restartAgent(ctx.services, input.agent)),

  send: authedProcedure
    .input(z.object({ agent: agentRef, text: terminalText().min(1).max(100_000) }))
    .mutation(({ ctx, input }) => {
      const { identity } = ctx;
      if (identity.role === 'viewer') {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'a viewer token cannot send messages; use an admin token' });
      }
      // An agent's token sends as that agent (to its own team only: see team-scope.ts); people send as the token's owner.
      const from = identity.role === 'agent' ? (identity.agentId ?? 'agent') : `human:${identity.name}`;
      return sendMessage(ctx.services, input.agent, input.text, from);
    }),

  capture: authedProcedure
    .input(z.object({ agent: agentRef, lines: z.number().int().min(1).max(MAX_CAPTURE_LINES).default(50) }))
    .query(({ ctx, input }) => capturePane(ctx.services, input.agent, input.lines)),

  /** Interrupt, permission mode, compact, clear, model: pressed on the agent's screen and confirmed there. */
  control: adminProcedure
    .input(z.object({ agent: agentRef, request: controlInput }))
    .mutation(({ ctx, input }) => controlAgent(ctx.services, input.agent, input.request)),

  /** The agent's screen with its colours, a frame each time it changes; viewers may watch too. */
  screen: authedProcedure.input(z.object({ agent: agentRef })).subscription(({ ctx, input, signal }) => watchScreen(ctx.services, input.agent, signal, ctx.identity.tokenId)),

  /** Running agents and their states: an agent's token sees its own team's. */
  // Each with whether it needs a person and why (agents/needs-person.ts).
  status: authedProcedure.query(async ({ ctx }) => withNeedsPerson(ctx.services.db, await listAgents(ctx.services, ctx.scope.team))),
});
