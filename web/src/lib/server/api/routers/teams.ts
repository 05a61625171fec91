// Teams: deploy (from a spec file or the create flags, both normalised by the CLI and checked
// again here), list, show, stop, add an agent.
import { z } from 'zod';
import { agentSpecSchema, teamSpecSchema } from '$domain/teams/team-spec.ts';
import { addAgentToTeam, deployTeam, describeTeam, listTeams, stopTeam } from '#lib/server/teams/team-control.ts';
import { adminProcedure, authedProcedure, router } from '../trpc.ts';

const teamName = z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'team name is lowercase letters, digits and "-", 1 to 40 characters' });
const extraEnv = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,100}$/), z.string().max(65_536)).default({});

export const teamsRouter = router({
  deploy: adminProcedure.input(z.object({ spec: teamSpecSchema, env: extraEnv })).mutation(({ ctx, input }) => deployTeam(ctx.services, input.spec, input.env)),
  /** Running teams; an agent's token sees its own. */
  list: authedProcedure.query(({ ctx }) => listTeams(ctx.services, ctx.scope.team)),
  show: authedProcedure.input(z.object({ team: teamName })).query(({ ctx, input }) => describeTeam(ctx.services, input.team)),
  stop: adminProcedure.input(z.object({ team: teamName })).mutation(({ ctx, input }) => stopTeam(ctx.services, input.team)),
  addAgent: adminProcedure
    .input(z.object({ team: teamName, agent: agentSpecSchema, env: extraEnv }))
    .mutation(({ ctx, input }) => addAgentToTeam(ctx.services, input.team, input.agent, input.env)),
});
