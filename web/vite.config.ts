import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit({ adapter: adapter({ out: 'build' }) })],
  // The server imports the shared domain, db and workflow-type modules from the repo root.
  server: { fs: { allow: ['..'] } },
});
