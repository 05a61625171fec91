// The `team/agent` input every router takes, validated with the same words everywhere.
import { z } from 'zod';
import { InvalidNameError, parseAgentRef } from '$domain/names.ts';

export const agentRef = z.string().max(100).transform((value, ctx) => {
  try {
    return parseAgentRef(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof InvalidNameError ? err.message : String(err) });
    return z.NEVER;
  }
});
