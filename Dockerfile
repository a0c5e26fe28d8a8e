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
EXPOSE 3000
CMD ["node", "-r", "@swc-node/register", "-r", "tsconfig-paths/register", "apps/hub/src/main.ts"]
