# One image for every deployable: `node ... apps/<hub|ingest|core>/src/main.ts` chooses the process.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# npm install: the lock file cannot list optional binaries of platforms a mirror lacks (see README).
RUN npm install --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY connectors connectors
# Not root: a flaw in a parser (X12, PDF, JSON) then cannot write the image or the host. /data is the volume
# of HUB_DATA_DIR; created here so a new named volume inherits the node user's ownership.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "-r", "@swc-node/register", "-r", "tsconfig-paths/register", "apps/hub/src/main.ts"]
