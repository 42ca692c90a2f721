# The portal's image: one image, two processes (README, "Running at scale").
#   docker build -t portal .
#   docker run --init -e DATABASE_URL=… -e SESSION_SECRET=… -e PUBLIC_URL=… -p 3000:3000 portal web
#   docker run --init -e DATABASE_URL=… portal worker
# The live profile by default: SESSION_SECRET, the real gateways' credentials and a PostgreSQL (DATABASE_URL) are
# required; the embedded PostgreSQL of the demo is not for containers. Files go to STORAGE_DIR (a volume shared by
# every web server and worker) or to an S3-compatible store.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# The dependencies first (a layer reused while package*.json do not change); postinstall applies .patches/.
COPY package.json package-lock.json ./
COPY .patches ./.patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PROFILE=live \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    STORAGE_DIR=/data/uploads
WORKDIR /app
# Only what the server runs: the server build and its assets, the server's own TypeScript (run by tsx), the
# locales and the production dependencies.
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.build ./.build
COPY --from=build /app/public ./public
COPY --from=build /app/app ./app
COPY --from=build /app/db ./db
COPY --from=build /app/payments ./payments
COPY --from=build /app/locales ./locales
RUN mkdir -p /data/uploads && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# `web` (HTTP: probe /healthz for liveness, /readyz for readiness) or `worker` (jobs and schedules, no HTTP).
# Node is PID 1 here and handles SIGTERM itself (drains requests, then jobs); `--init` also reaps children.
# The server as `npm start` runs it: compiled by `npm run build` to .build/start.js (decision 65), no tsx hooks.
ENTRYPOINT ["node", ".build/start.js"]
CMD ["web"]
