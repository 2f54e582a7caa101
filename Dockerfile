# syntax=docker/dockerfile:1
# One image for every role: `catalytic api`, `catalytic worker`, `catalytic migrate`
# (and `backup`/`restore`, which is why the PostgreSQL client tools are in it).
# The service runs its TypeScript sources through tsx, a runtime dependency, so the
# image carries src/ and no build output: the code that runs is the code the tests ran.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# argon2 and webgpu ship prebuilt binaries; the toolchain is here for a platform without them.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The package's prepare script builds the console from sources this stage does not
# copy (the console stage builds it), so it is dropped here before npm ci runs it;
# the dependencies' own install scripts (argon2, webgpu) still run.
RUN npm pkg delete scripts.prepare \
 && npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS console
# The web console is built with Vite, a dev dependency: here, with every dependency and
# no install scripts (nothing native is needed to bundle it), and only its output moves on.
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build-console.ts ./scripts/
COPY console ./console
COPY src ./src
RUN npm run build:console

FROM ${NODE_IMAGE} AS runtime
# tini reaps children and forwards SIGTERM to node, whose handler drains (readiness 503 first).
# postgresql-client: pg_dump/pg_restore of the major the compose file's PostgreSQL runs (15).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/catalytic \
 && chown node:node /var/lib/catalytic
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/var/lib/catalytic
# Owned by root and not writable by the service: with a read-only root filesystem the only
# writable places are DATA_DIR (a volume) and /tmp (a tmpfs, where tsx keeps its cache).
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY --from=console /app/console/dist ./console/dist
USER node
VOLUME ["/var/lib/catalytic"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "/app/bin/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/catalytic.mjs"]
CMD ["api"]
