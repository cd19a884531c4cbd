# The bridge container: `docker build -t pagerslack-bridge .` then run with the environment described in
# bridge/README.md. The image holds only the bridge and shared/ (the Slack app is deployed with `slack deploy`).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080 DATABASE_URL=sqlite:/data/pagerslack.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json ./
COPY shared ./shared
COPY bridge ./bridge
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (no npm wrapper), so the bridge drains in-flight work before it exits.
CMD ["node", "--import", "tsx", "bridge/main.ts"]
