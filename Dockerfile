# syntax=docker/dockerfile:1
# One image recipe for both orc processes:
#   docker build -t orc-web .                    # default (last) stage: the web app
#   docker build -t orc-worker --target worker . # a host worker, with tmux and git
# docker-compose.yml builds both targets. Node 24 runs the .ts sources directly (type
# stripping), so only the web app is built; everything else ships as source.

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app

# Every dependency, dev ones included: the web build needs vite and svelte, and the worker
# needs the Claude Code CLI (a devDependency) to launch agents. `npm install` at the versions
# package-lock.json pins, as .ci/provision.sh does: npm 11's `npm ci` rejects this lockfile,
# which omits other platforms' optional packages. Go back to `npm ci` once it accepts it.
FROM base AS deps
COPY package.json package-lock.json ./
COPY web/package.json web/package.json
RUN npm install --no-audit --no-fund

# Runtime dependencies only, for the web app and the migrate job.
FROM base AS prod-deps
COPY package.json package-lock.json ./
COPY web/package.json web/package.json
RUN npm install --omit=dev --no-audit --no-fund

FROM deps AS build
COPY . .
RUN cd web && npx vite build

# A host worker: polls the shared workflow queue and its own host/<ORC_HOST_NAME> queue, and
# runs agents in tmux over the project directories under /projects, each inside a bubblewrap
# sandbox (docs/sandbox.md: the container needs user namespaces, see docker-compose.yml).
FROM base AS worker
RUN apt-get update \
  && apt-get install -y --no-install-recommends tmux git ca-certificates bubblewrap \
  && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# `claude` (and the other dependency CLIs) and `orc` on PATH for the agents' panes.
RUN ln -s /app/cli/orc.ts /usr/local/bin/orc
ENV PATH=/app/node_modules/.bin:$PATH \
    NODE_ENV=production \
    ORC_DATA_DIR=/data
# Owned by the unprivileged user, so that named volumes mounted here start out writable.
RUN mkdir -p /data /projects && chown node:node /data /projects
USER node
CMD ["node", "workers/host-worker.ts"]

# The web app (also runs `node scripts/migrate.ts` as the compose migrate job). Last, so it
# is what a plain `docker build` produces.
FROM base AS web
COPY --from=prod-deps /app/node_modules ./node_modules
COPY . .
COPY --from=build /app/web/build ./web/build
RUN ln -s /app/cli/orc.ts /usr/local/bin/orc
ENV NODE_ENV=production \
    ORC_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "web/build/index.js"]
