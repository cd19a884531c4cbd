# The bridge container: `docker build -t pagerslack-bridge .` then run with the environment described in
# bridge/README.md. The image holds only the bridge and shared/ compiled to JavaScript (the Slack app is deployed
# with `slack deploy`), and production dependencies only: no TypeScript loader at run time, which would cost
# a loader thread with its own heap plus esbuild in resident memory.
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Type checking and emitting need the packages' files and types, not their install scripts (native addon, deno).
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY shared ./shared
COPY bridge ./bridge
RUN npm run build

FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production PORT=8080 DATABASE_URL=sqlite:/data/pagerslack.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# package.json says "type": "module", which the emitted .js files rely on.
COPY package.json ./
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (no npm wrapper), so the bridge drains in-flight work before it exits.
# Operator commands: `docker exec <container> node dist/bridge/cli.js doctor` (see bridge/README.md).
# Live end-to-end check of an install: `docker exec <container> node dist/bridge/cli.js smoke --live …`.
# --max-semi-space-size=4: V8's young generation at 4 MB a half instead of 16 (Node 20's default for this heap).
# Under a flood of 100,000 webhooks the peak resident memory was 145-158 MB with the default and mostly 133-145 MB
# with 4, for about 6% fewer webhooks per second (npm run bench, rss_mb; the bench reads its flags from this line).
CMD ["node", "--max-semi-space-size=4", "dist/bridge/main.js"]
