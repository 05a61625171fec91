import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { roomAliases } from './aliases.ts';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ out: 'build' }),
      // adapter-node cannot know the origin browsers use (port and scheme are chosen at run
      // time, and it would assume https), so Kit's own origin check is off and hooks.server.ts
      // checks instead: a write whose Origin names another host than the one it was sent to is
      // refused. The session cookie is SameSite=Strict besides.
      csrf: { trustedOrigins: ['*'] },
    }),
  ],
  // The server imports the shared domain, db and workflow-type modules from the repo root, by name.
  resolve: { alias: roomAliases },
  server: { fs: { allow: ['..'] } },
});
