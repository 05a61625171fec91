// Procedures only a person with an admin token may call: approving, denying, changing rules.
// The refusal says which token was used and what would work, for agents and viewers alike.
import { authedProcedure } from '../api/trpc.ts';
import { Forbidden } from '../errors.ts';

export const personProcedure = (what: string) =>
  authedProcedure.use(({ ctx, next }) => {
    if (ctx.identity.role === 'agent') {
      throw new Forbidden(`an agent token (${ctx.identity.agentId ?? ctx.identity.name}) can never ${what}: a person decides, with an admin token`);
    }
    if (ctx.identity.role !== 'admin') {
      throw new Forbidden(`a ${ctx.identity.role} token can only read; ${what} needs an admin token`);
    }
    return next({ ctx });
  });
