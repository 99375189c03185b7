import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeConfigErrors, composeInvariants } from '../tools/cli/src/deploy-check/compose';
import {
  OVERLAYS,
  parseManifests,
  renderOverlay,
  type K8sObject,
} from '../tools/cli/src/deploy-check/manifest';
import { checkObjects } from '../tools/cli/src/deploy-check/validate';

const ROOT = join(__dirname, '..');
const SERVICES = ['gateway', 'oauth', 'token-vault', 'refresh-scheduler', 'notifier'];

function rendered(overlay: (typeof OVERLAYS)[number]): K8sObject[] {
  return renderOverlay(overlay);
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name.startsWith(name));
  if (!o) throw new Error(`no ${kind}/${name}`);
  return structuredClone(o);
}

/** Every metric name a PromQL text or dashboard uses, from Switchboard's own families. */
function ownMetrics(text: string): string[] {
  const names = text.match(/\b(?:bus|scheduler|vault|notifier|http)_[a-z_]+\b/g) ?? [];
  return [...new Set(names.map((n) => n.replace(/_(bucket|sum|count)$/, '')))];
}

/** Metric names registered with prom-client anywhere in the services and libraries. */
function registeredMetrics(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/name: '([a-z_]+)'/g)) found.add(m[1]);
      }
    }
  };
  for (const top of ['libs', 'services']) walk(join(ROOT, top));
  return found;
}

describe('deployment manifests', () => {
  describe.each(OVERLAYS)('the %s overlay', (overlay) => {
    let objects: K8sObject[];

    beforeAll(() => {
      objects = rendered(overlay);
    });

    it('should render with kubectl kustomize and pass the API and CRD schemas and every invariant', () => {
      expect(objects.length).toBeGreaterThan(30);
      expect(checkObjects(objects, overlay)).toEqual([]);
    });

    it('should run every service non-root on a read-only root filesystem, with probes and resources', () => {
      for (const name of SERVICES) {
        const d = find(objects, 'Deployment', name);
        const pod = (d.spec as { template: { spec: Record<string, unknown> } }).template.spec;
        expect(pod).toMatchObject({
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              securityContext: {
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
              livenessProbe: { httpGet: { path: '/health/live' } },
              readinessProbe: { httpGet: { path: '/health/ready' } },
            },
          ],
        });
        const resources = JSON.stringify(
          (pod.containers as { resources?: unknown }[] | undefined)?.[0]?.resources,
        );
        expect(resources).toMatch(/"requests":\{"cpu":"[^"]+","memory":"[^"]+"\}/);
        expect(resources).toMatch(/"limits":\{"memory":"[^"]+"\}/);
      }
    });

    it('should expose only the gateway, and let only the services reach NATS and PostgreSQL', () => {
      const services = objects.filter((o) => o.kind === 'Service');
      expect(
        services.every((s) => ((s.spec as { type?: string }).type ?? 'ClusterIP') === 'ClusterIP'),
      ).toBe(true);
      const open = objects
        .filter((o) => o.kind === 'NetworkPolicy')
        .filter((p) =>
          ((p.spec as { ingress?: { from?: unknown[] }[] }).ingress ?? []).some((r) => !r.from),
        )
        .map((p) => p.metadata.name);
      expect(open).toEqual(['gateway-ingress']);
      const ingresses = objects.filter((o) => o.kind === 'Ingress');
      for (const i of ingresses) expect(JSON.stringify(i.spec)).toContain('"name":"gateway"');
      expect(ingresses.length).toBe(overlay === 'prod' ? 1 : 0);
    });

    it('should mount the key-encryption keys into the vault as a file from a Secret', () => {
      const vault = find(objects, 'Deployment', 'token-vault');
      const text = JSON.stringify(vault);
      expect(text).toContain(
        '"name":"VAULT_KEYRING_FILE","value":"/var/run/secrets/switchboard/keyring/keyring.json"',
      );
      expect(text).toMatch(/"secretName":"switchboard-keyring(-[a-z0-9]+)?"/);
    });
  });

  it('should report a workload that is writable, privileged, unprobed or unbounded', () => {
    const objects = rendered('dev');
    const d = find(objects, 'Deployment', 'oauth');
    const pod = (d.spec as { template: { spec: { containers: Record<string, unknown>[] } } })
      .template.spec;
    const c = pod.containers[0];
    c.securityContext = { readOnlyRootFilesystem: false, allowPrivilegeEscalation: true };
    delete c.readinessProbe;
    delete c.resources;
    const problems = checkObjects(
      [...objects.filter((o) => !(o.kind === 'Deployment' && o.metadata.name === 'oauth')), d],
      'dev',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'Deployment/oauth container oauth: root filesystem writable',
        'Deployment/oauth container oauth: privilege escalation',
        'Deployment/oauth container oauth: capabilities not dropped',
        'Deployment/oauth container oauth: needs cpu and memory requests and a memory limit',
        'Deployment/oauth: readiness probe must be /health/ready',
      ]),
    );
  });

  it('should report a service exposed outside and a policy that opens the database to anyone', () => {
    const objects = rendered('prod');
    const svc = find(objects, 'Service', 'token-vault');
    (svc.spec as Record<string, unknown>).type = 'LoadBalancer';
    const pg = find(objects, 'NetworkPolicy', 'postgres');
    (pg.spec as { ingress: { from?: unknown[] }[] }).ingress.push({
      from: [{ namespaceSelector: {} }],
    });
    const problems = checkObjects([...objects, svc, pg], 'prod');
    expect(problems).toEqual(
      expect.arrayContaining([
        'Service/token-vault: type LoadBalancer exposes it outside',
        'NetworkPolicy/postgres: lets something other than the services reach switchboard-pg',
      ]),
    );
  });

  it('should refuse objects that break the API or CRD schemas, and kinds no schema covers', () => {
    const broken = parseManifests(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: bad-port }
spec:
  selector: { matchLabels: { a: b } }
  template:
    metadata: { labels: { a: b } }
    spec:
      containers: [{ name: c, image: i, ports: [{ containerPort: "http" }] }]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: typo }
spec:
  selector: {}
  endpoints: [{ port: http, intervall: 30s }]
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: bad-for }
spec:
  groups: [{ name: g, rules: [{ alert: A, expr: up == 0, for: ten minutes }] }]
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: { name: empty }
spec: { instances: 0 }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w }
spec: {}
`);
    const problems = checkObjects(broken, 'dev').join('\n');
    expect(problems).toMatch(/Deployment\/bad-port: .*containerPort must be integer/);
    expect(problems).toMatch(
      /ServiceMonitor\/typo: \/spec\/endpoints\/0 must NOT have additional properties/,
    );
    expect(problems).toMatch(
      /PrometheusRule\/bad-for: \/spec\/groups\/0\/rules\/0\/for must match pattern/,
    );
    expect(problems).toMatch(/Cluster\/empty: \/spec\/instances must be >= 1/);
    expect(problems).toContain('Widget/w: no schema for example.com/v1 Widget');
  });

  it('should alert only on metrics the services export', () => {
    const known = registeredMetrics();
    const rules = JSON.stringify(find(rendered('prod'), 'PrometheusRule', 'switchboard').spec);
    const dashboard = readFileSync(join(ROOT, 'deploy', 'grafana', 'switchboard.json'), 'utf8');
    const used = [...ownMetrics(rules), ...ownMetrics(dashboard)];
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((m) => !known.has(m))).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  it('should pass docker-compose config and be hardened, with healthchecks gating the start order', () => {
    const errors = composeConfigErrors();
    if (process.env.CI === 'true') expect(errors).not.toBeNull();
    expect(errors ?? []).toEqual([]);
    expect(composeInvariants()).toEqual([]);
  });

  it('should report a service without cap_drop, no-new-privileges or a healthy dependency', () => {
    const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').replace(
      '  mailpit:\n    <<: *hardened\n',
      '  mailpit:\n',
    );
    const problems = composeInvariants(
      text.replace(
        'mailpit: { condition: service_healthy }',
        'mailpit: { condition: service_started }',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'compose mailpit: cap_drop ALL missing',
        'compose mailpit: no-new-privileges missing',
        'compose notifier: depends on mailpit without service_healthy',
      ]),
    );
  });
});

describe('Dockerfiles', () => {
  const images = [
    ...SERVICES.map((s) => ({ file: `services/${s}/Dockerfile`, entry: `services/${s}/src/main` })),
    { file: 'tools/provider-sandbox/Dockerfile', entry: 'tools/provider-sandbox/src/main' },
  ];

  it.each(images)(
    '$file: multi-stage, non-root, health-checked, starting the compiled entry point',
    ({ file, entry }) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text.match(/^FROM /gm)?.length).toBe(2);
      expect(text).toMatch(/^RUN npm ci --ignore-scripts$/m);
      expect(text).toContain('npm prune --omit=dev');
      expect(text).toMatch(/^USER 1000:1000$/m);
      expect(text).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "dist\/healthcheck\.js"\]$/m);
      expect(text).toContain(`"dist/${entry}.js"`);
      readFileSync(join(ROOT, `${entry}.ts`));
    },
  );
});
