// Teams: the running ones with their agents, and deploying a new one from the form or from
// a spec file. Both checks are the CLI's (see team-spec-from-form.ts); nothing is started
// while any problem remains. Stopping is a mutation the page makes through the API.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ROLES } from '$domain/roles/roles.ts';
import { PROFILE_NAMES, WORKSPACE_MODES, type TeamSpec } from '$domain/teams/team-spec.ts';
import { pageApi } from '#lib/server/api/page-caller.ts';
import type { Caller } from '#lib/server/auth/session.ts';
import { formValues, teamSpecFromForm, teamSpecFromUpload, uploadBaseDir } from '#lib/server/teams/team-spec-from-form.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const api = pageApi(locals.caller);
  const { list, problem } = await api.teams
    .list()
    .then((list) => ({ list, problem: null }))
    .catch((err: unknown) => ({ list: [], problem: (err as Error).message }));
  // The list has each agent's id, role and state; show adds who it reports to and where it works.
  const teams = await Promise.all(
    list.map(async (team) => ({ ...team, detail: await api.teams.show({ team: team.team }).catch(() => null) })),
  );
  return {
    teams,
    problem,
    roles: ROLES.map((role) => ({ id: role.id, title: role.title, summary: role.summary })),
    profiles: PROFILE_NAMES,
    workspaces: [...WORKSPACE_MODES],
    uploadBaseDir: uploadBaseDir(),
  };
};

/** Starts the team; a refusal from the server (name taken, a CLI that did not start) is one more problem. */
async function deploy(caller: Caller, spec: TeamSpec): Promise<{ ok: true; team: string; agents: string[] } | { ok: false; problem: string }> {
  try {
    const team = await pageApi(caller).teams.deploy({ spec, env: {} });
    return { ok: true, team: team.team, agents: team.agents.map((agent) => agent.id) };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}

const refuseViewers = (caller: Caller) =>
  caller.identity?.role === 'admin' ? null : fail(403, { form: 'none' as const, problems: ['only an admin can deploy a team; you are signed in as a viewer'] });

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const refused = refuseViewers(locals.caller);
    if (refused) return refused;
    const values = formValues(await request.formData());
    const result = teamSpecFromForm(values);
    if (!result.ok) return fail(400, { form: 'create' as const, values, problems: result.problems });
    const deployed = await deploy(locals.caller, result.spec);
    if (!deployed.ok) return fail(400, { form: 'create' as const, values, problems: [deployed.problem] });
    return { form: 'create' as const, deployed: deployed.team, agents: deployed.agents };
  },

  upload: async ({ request, locals }) => {
    const refused = refuseViewers(locals.caller);
    if (refused) return refused;
    const form = await request.formData();
    const file = form.get('file');
    const pasted = String(form.get('yaml') ?? '');
    const text = file instanceof File && file.size > 0 ? await file.text() : pasted;
    const result = teamSpecFromUpload(text);
    if (!result.ok) return fail(400, { form: 'upload' as const, yaml: pasted, problems: result.problems });
    const deployed = await deploy(locals.caller, result.spec);
    if (!deployed.ok) return fail(400, { form: 'upload' as const, yaml: pasted, problems: [deployed.problem] });
    return { form: 'upload' as const, deployed: deployed.team, agents: deployed.agents };
  },
};
