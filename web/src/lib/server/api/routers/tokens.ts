// Tokens for people: an admin makes viewer or admin tokens (shown once), lists and revokes them.
// Agents' tokens are made and revoked with their agents, never here.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { issueToken, listPersonTokens, revokeToken } from '$db/tokens.ts';
import { adminProcedure, router } from '../trpc.ts';

export const tokensRouter = router({
  create: adminProcedure
    .input(
      z.object({
        role: z.enum(['viewer', 'admin'], { message: 'role is viewer (reads) or admin (acts)' }),
        name: z.string().trim().min(1, { message: 'name the token (who or what holds it)' }).max(100),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const issued = await issueToken(ctx.services.db, { role: input.role, name: input.name });
      return { id: issued.id, token: issued.token, role: input.role, name: input.name };
    }),

  list: adminProcedure.query(({ ctx }) => listPersonTokens(ctx.services.db)),

  revoke: adminProcedure.input(z.object({ id: z.uuid({ message: 'a token id is a UUID, as `orc token list` shows it' }) })).mutation(async ({ ctx, input }) => {
    if (input.id === ctx.identity.tokenId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'this is the token you are using; revoke it with another admin token' });
    const revoked = await revokeToken(ctx.services.db, input.id);
    if (!revoked) throw new TRPCError({ code: 'NOT_FOUND', message: `no live token ${input.id}; see orc token list` });
    return revoked;
  }),
});
