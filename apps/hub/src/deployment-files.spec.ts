import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { checkAllConfig, configVariables, metricsRegistry } from '@orderhub/common';
// Loading the hub's module loads every module's configuration schema (they register as their files load).
import './hub.module';

const root = join(__dirname, '../../..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const nginx = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | null>;
  ports?: Array<string | { target: number; published?: number | string }>;
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
}
interface Compose {
  version?: string;
  services: Record<string, Service>;
}

function hasDockerCompose(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const composeInstalled = hasDockerCompose();
if (!composeInstalled)
  console.warn(
    'docker-compose is not installed (apt-get install docker-compose): the compose file is read as written instead of as rendered',
  );

/** The rendered configuration, as `docker compose` would run it (interpolated, anchors merged). */
const rendered = (
  composeInstalled
    ? load(
        execFileSync('docker-compose', ['-f', join(root, 'docker-compose.yml'), 'config'], {
          env: { ...process.env, HUB_ADMIN_PASSWORD: 'compose-check-pw' },
          encoding: 'utf8',
        }),
      )
    : load(composeText)
) as Compose;
const services = rendered.services;
const hubServices = Object.entries(services).filter(([, s]) => (s.command ?? []).some((c) => /^apps\/\w+\/src\/main\.ts$/.test(c)));
const env = (s: Service): Record<string, string> =>
  Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
const targetPorts = (s: Service) => (s.ports ?? []).map((p) => (typeof p === 'string' ? Number(p.split(':').at(-1)) : Number(p.target)));
const volumeTargets = (s: Service) => (s.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[1] : v.target));
const bindSources = (s: Service) =>
  (s.volumes ?? []).flatMap((v) =>
    typeof v === 'string'
      ? v.startsWith('.') || v.startsWith('/')
        ? [v.split(':')[0]]
        : []
      : v.type === 'bind' && v.source
        ? [v.source]
        : [],
  );

/**
 * Where each image listens and writes unless told otherwise (their documented defaults): a published port or a
 * volume elsewhere would be silently useless.
 */
const IMAGE_DEFAULTS: Record<string, { ports: number[]; paths: string[] }> = {
  'postgres:': { ports: [5432], paths: ['/var/lib/postgresql/data'] },
  'prom/prometheus:': { ports: [9090], paths: ['/prometheus', '/etc/prometheus/prometheus.yml'] },
  'grafana/grafana:': { ports: [3000], paths: ['/var/lib/grafana', '/etc/grafana/provisioning'] },
  'nginx:': { ports: [], paths: ['/etc/nginx/conf.d/default.conf'] },
  'apache/kafka:': { ports: [9092], paths: [] },
  // 16686: the UI; 4318: OTLP/HTTP, where OTEL_EXPORTER_OTLP_ENDPOINT points inside the compose network.
  'jaegertracing/all-in-one:': { ports: [16686, 4318], paths: [] },
};
function used(name: string, s: Service): { ports: number[]; paths: string[] } {
  const e = env(s);
  const defaults = Object.entries(IMAGE_DEFAULTS).find(([prefix]) => s.image?.startsWith(prefix))?.[1] ?? { ports: [], paths: [] };
  if (hubServices.some(([n]) => n === name)) return { ports: [Number(e.PORT || 3000)], paths: [e.HUB_DATA_DIR] };
  if (s.image?.startsWith('nginx:'))
    return { ports: [...nginx.matchAll(/^\s*listen\s+(\d+)/gm)].map((m) => Number(m[1])), paths: defaults.paths };
  if (s.image?.startsWith('apache/kafka:')) return { ports: defaults.ports, paths: [e.KAFKA_LOG_DIRS] };
  if (s.image?.startsWith('grafana/grafana:')) return { ports: defaults.ports, paths: [...defaults.paths, '/var/lib/grafana/dashboards'] };
  return defaults;
}

describe('Dockerfile', () => {
  it('runs the processes as an unprivileged user, owning the data volume', () => {
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe('node');
    expect(dockerfile.indexOf('USER node')).toBeLessThan(dockerfile.indexOf('CMD'));
    expect(dockerfile).toMatch(/chown node:node \/data/);
  });
});

describe('docker-compose.yml, rendered', () => {
  it('has no obsolete version key, and the README runs it with `docker compose`', () => {
    expect(rendered.version === undefined || !/^version:/m.test(composeText)).toBe(true);
    expect(composeText).not.toMatch(/^version:/m);
    expect(readme).toMatch(/docker compose up --scale core=\d/);
    expect(readme).not.toMatch(/docker-compose up/);
  });

  it('runs the ingest and core deployables that exist in apps/', () => {
    expect(hubServices.map(([n]) => n).sort()).toEqual(['core', 'ingest']);
    for (const [, s] of hubServices)
      expect(
        existsSync(
          join(
            root,
            s.command!.find((c) => c.endsWith('main.ts'))!,
          ),
        ),
      ).toBe(true);
  });

  it("sets only variables the hub's configuration schemas declare, with values they accept", () => {
    const known = configVariables();
    for (const [name, s] of hubServices) {
      const e = env(s);
      expect({ service: name, unknown: Object.keys(e).filter((k) => !known.has(k)) }).toEqual({ service: name, unknown: [] });
      expect(() => checkAllConfig(e)).not.toThrow();
    }
  });

  it('publishes only ports the services listen on, and mounts volumes where they read and write', () => {
    for (const [name, s] of Object.entries(services)) {
      const use = used(name, s);
      expect({ service: name, ports: targetPorts(s).filter((p) => !use.ports.includes(p)) }).toEqual({ service: name, ports: [] });
      expect({ service: name, volumes: volumeTargets(s).filter((t) => !use.paths.includes(t)) }).toEqual({ service: name, volumes: [] });
      for (const source of bindSources(s)) expect(existsSync(source.startsWith('/') ? source : join(root, source))).toBe(true);
    }
  });

  it('has one front door on localhost:3000 and lets core scale (no fixed host port on it)', () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => ({ name, published: String(typeof p === 'string' ? p.split(':')[0] : p.published) })),
    );
    expect(published.filter((p) => p.published === '3000').map((p) => p.name)).toEqual(['proxy']);
    expect(services.core.ports ?? []).toEqual([]);
    expect(services.ingest.ports ?? []).toEqual([]);
    // Every upstream the proxy names is a service that serves HTTP on the port it is sent to.
    const upstreams = new Set([...nginx.matchAll(/^\s*(?:default|~\S+)\s+(\w+);/gm)].map((m) => m[1]));
    expect([...upstreams].sort()).toEqual(['core', 'ingest']);
    expect(nginx).toContain(`proxy_pass http://$orderhub_upstream:${env(services.core).PORT};`);
  });

  it('provisions a Grafana dashboard whose every query names a metric the hub exports', async () => {
    const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana/dashboards/orderhub.json'), 'utf8')) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const topic of ['throughput', 'latency', 'exceptions', 'consumer lag', 'outbox lag', 'overdue']) expect(titles).toContain(topic);
    const exported = new Set((await metricsRegistry.getMetricsAsJSON()).map((m) => m.name));
    const named = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => [...t.expr.matchAll(/\b(orderhub_[a-z_]+?)(?:_bucket|_sum|_count)?\b(?=[[{)\s])/g)].map((m) => m[1])),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !exported.has(n))).toEqual([]);
    const prometheus = readFileSync(join(root, 'deploy/prometheus.yml'), 'utf8');
    expect([...prometheus.matchAll(/names: \[(\w+)\]/g)].map((m) => m[1]).sort()).toEqual(['core', 'ingest']);
  });
});
