import { describe, type K8sObject, type Overlay } from './manifest';

/* Minimal shapes of what the checks read (the schemas have validated the rest). */
interface Container {
  name: string;
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    runAsNonRoot?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
  };
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  env?: { valueFrom?: { secretKeyRef?: Ref; configMapKeyRef?: Ref } }[];
  envFrom?: { secretRef?: Ref; configMapRef?: Ref }[];
}
interface Probe {
  httpGet?: { path?: string };
}
interface Ref {
  name: string;
  optional?: boolean;
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } };
  automountServiceAccountToken?: boolean;
  hostNetwork?: boolean;
  containers: Container[];
  initContainers?: Container[];
  volumes?: { secret?: { secretName: string; optional?: boolean }; configMap?: Ref }[];
}
interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface PolicyPeer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: unknown;
}

export const SERVICES = ['gateway', 'oauth', 'token-vault', 'refresh-scheduler', 'notifier'];
export const AUTOSCALED = ['gateway', 'oauth', 'refresh-scheduler', 'notifier'];
export const ALERTS = [
  'SwitchboardRefreshFailureRate',
  'SwitchboardRefreshDueLag',
  'SwitchboardConsumerLag',
  'SwitchboardOutboxBacklog',
  'SwitchboardDeadLetters',
  'SwitchboardKeyRotationStuck',
];
/** Created outside the overlay: by CloudNativePG, or (prod) from the operator's secret store. */
const EXTERNAL: Record<Overlay, string[]> = {
  dev: ['switchboard-pg-app'],
  prod: [
    'switchboard-pg-app',
    'switchboard-secrets',
    'switchboard-keyring',
    'switchboard-nats-clients',
    'switchboard-nats-server',
  ],
};

function podSpec(o: K8sObject): PodSpec | undefined {
  const template = (o.spec as { template?: { spec?: PodSpec } } | undefined)?.template;
  return ['Deployment', 'StatefulSet', 'Job'].includes(o.kind) ? template?.spec : undefined;
}

/** Pods: non-root, read-only root filesystem, no privilege, resources; services: probes. */
function checkWorkload(o: K8sObject, spec: PodSpec): string[] {
  const problems: string[] = [];
  const at = describe(o);
  if (spec.securityContext?.runAsNonRoot !== true) problems.push(`${at}: pod not runAsNonRoot`);
  if (spec.securityContext?.seccompProfile?.type !== 'RuntimeDefault') {
    problems.push(`${at}: no RuntimeDefault seccomp profile`);
  }
  if (spec.automountServiceAccountToken !== false) {
    problems.push(`${at}: mounts a service account token`);
  }
  if (spec.hostNetwork) problems.push(`${at}: uses the host network`);
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
    const where = `${at} container ${c.name}`;
    const sc = c.securityContext;
    if (sc?.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem writable`);
    if (sc?.allowPrivilegeEscalation !== false) problems.push(`${where}: privilege escalation`);
    if (sc?.privileged) problems.push(`${where}: privileged`);
    if (!sc?.capabilities?.drop?.includes('ALL'))
      problems.push(`${where}: capabilities not dropped`);
    if (sc?.capabilities?.add?.length) problems.push(`${where}: adds capabilities`);
    const r = c.resources;
    if (!r?.requests?.cpu || !r.requests.memory || !r.limits?.memory) {
      problems.push(`${where}: needs cpu and memory requests and a memory limit`);
    }
  }
  if (o.kind === 'Deployment' && SERVICES.includes(o.metadata.name)) {
    const c = spec.containers[0];
    if (c?.livenessProbe?.httpGet?.path !== '/health/live') {
      problems.push(`${at}: liveness probe must be /health/live`);
    }
    if (c?.readinessProbe?.httpGet?.path !== '/health/ready') {
      problems.push(`${at}: readiness probe must be /health/ready`);
    }
    if (!c?.startupProbe) problems.push(`${at}: no startup probe`);
  }
  return problems;
}

/** Every Secret and ConfigMap a pod reads exists (or is optional, or is made elsewhere). */
function checkReferences(objects: K8sObject[], overlay: Overlay): string[] {
  const exists = new Set(
    objects
      .filter((o) => o.kind === 'Secret' || o.kind === 'ConfigMap')
      .map((o) => o.metadata.name),
  );
  const problems: string[] = [];
  for (const o of objects) {
    const spec = podSpec(o);
    if (!spec) continue;
    const refs: Ref[] = [];
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        if (ref) refs.push(ref);
      }
      for (const e of c.envFrom ?? []) {
        const ref = e.secretRef ?? e.configMapRef;
        if (ref) refs.push(ref);
      }
    }
    for (const v of spec.volumes ?? []) {
      if (v.secret) refs.push({ name: v.secret.secretName, optional: v.secret.optional });
      if (v.configMap) refs.push(v.configMap);
    }
    for (const ref of refs) {
      if (ref.optional || exists.has(ref.name) || EXTERNAL[overlay].includes(ref.name)) continue;
      problems.push(`${describe(o)}: reads ${ref.name}, which nothing creates`);
    }
  }
  return problems;
}

function selectsOnlyGateway(selector: Selector | undefined): boolean {
  return selector?.matchLabels?.['app.kubernetes.io/name'] === 'gateway';
}

function isServicePeer(peer: PolicyPeer, self: string | undefined): boolean {
  if (peer.ipBlock || (peer.namespaceSelector && !peer.podSelector)) return false;
  const labels = peer.podSelector?.matchLabels ?? {};
  const component = labels['app.kubernetes.io/component'];
  const expr = peer.podSelector?.matchExpressions?.find(
    (e) => e.key === 'app.kubernetes.io/component' && e.operator === 'In',
  );
  if (component === 'service' || component === 'migration') return true;
  if (expr?.values?.every((v) => v === 'service' || v === 'migration')) return true;
  return (
    self !== undefined &&
    (labels['app.kubernetes.io/name'] === self || labels['cnpg.io/cluster'] === self)
  );
}

/** Only the gateway is reachable from outside; only the services reach NATS and PostgreSQL. */
function checkExposure(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const denyAll = policies.some((p) => {
    const spec = p.spec as { podSelector?: Selector; policyTypes?: string[]; ingress?: unknown[] };
    return (
      Object.keys(spec.podSelector ?? {}).length === 0 &&
      spec.policyTypes?.includes('Ingress') &&
      spec.policyTypes.includes('Egress') &&
      !spec.ingress?.length
    );
  });
  if (!denyAll) problems.push('no default-deny NetworkPolicy for ingress and egress');
  for (const p of policies) {
    const spec = p.spec as {
      podSelector?: Selector;
      ingress?: { from?: PolicyPeer[] }[];
    };
    const target = spec.podSelector;
    const nats = target?.matchLabels?.['app.kubernetes.io/name'] === 'nats';
    const pg = target?.matchLabels?.['cnpg.io/cluster'];
    for (const rule of spec.ingress ?? []) {
      if (!rule.from?.length && !selectsOnlyGateway(target)) {
        problems.push(`${describe(p)}: opens ingress from anywhere to pods other than the gateway`);
      }
      if (nats || pg) {
        const self = nats ? 'nats' : pg;
        for (const peer of rule.from ?? []) {
          const operator = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
          if (!isServicePeer(peer, self) && !(pg && operator === 'cnpg-system')) {
            problems.push(`${describe(p)}: lets something other than the services reach ${self}`);
          }
        }
      }
    }
  }
  for (const s of objects.filter((o) => o.kind === 'Service')) {
    const type = (s.spec as { type?: string }).type ?? 'ClusterIP';
    if (type !== 'ClusterIP') problems.push(`${describe(s)}: type ${type} exposes it outside`);
  }
  for (const i of objects.filter((o) => o.kind === 'Ingress')) {
    const text = JSON.stringify(i.spec);
    const backends = [...text.matchAll(/"service":\{"name":"([^"]+)"/g)].map((m) => m[1]);
    if (backends.some((b) => b !== 'gateway')) {
      problems.push(
        `${describe(i)}: routes to ${backends.join(', ')}; only the gateway may be exposed`,
      );
    }
  }
  return problems;
}

/** What the issue asks every overlay to hold. */
function checkCompleteness(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const named = (kind: string, name: string) =>
    objects.some((o) => o.kind === kind && o.metadata.name === name);
  for (const s of SERVICES) {
    if (!named('Deployment', s)) problems.push(`no Deployment ${s}`);
    if (!named('PodDisruptionBudget', s)) problems.push(`no PodDisruptionBudget ${s}`);
  }
  for (const s of AUTOSCALED) {
    if (!named('HorizontalPodAutoscaler', s)) problems.push(`no HorizontalPodAutoscaler ${s}`);
  }
  if (!objects.some((o) => o.kind === 'Job')) problems.push('no migration Job');
  if (!objects.some((o) => o.kind === 'ServiceMonitor')) problems.push('no ServiceMonitor');
  if (!objects.some((o) => o.kind === 'Cluster' && o.apiVersion === 'postgresql.cnpg.io/v1')) {
    problems.push('no CloudNativePG Cluster');
  }
  const alerts = new Set(
    objects
      .filter((o) => o.kind === 'PrometheusRule')
      .flatMap((o) => (o.spec as { groups: { rules?: { alert?: string }[] }[] }).groups)
      .flatMap((g) => g.rules ?? [])
      .map((r) => r.alert),
  );
  for (const a of ALERTS) if (!alerts.has(a)) problems.push(`no alert ${a}`);
  const nats = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'nats');
  if ((nats?.spec as { replicas?: number } | undefined)?.replicas !== 3) {
    problems.push('NATS must run three servers');
  }
  const natsConfig = objects.find(
    (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config'),
  );
  const conf = (natsConfig?.data as Record<string, string> | undefined)?.['nats.conf'] ?? '';
  if (!/sync_interval:\s*always/.test(conf))
    problems.push('NATS config lacks sync_interval: always');
  const keyring = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'token-vault');
  if (!JSON.stringify(keyring ?? null).includes('"secretName":"switchboard-keyring')) {
    problems.push('the vault must mount the keyring Secret as a file');
  }
  return problems;
}

export function checkInvariants(objects: K8sObject[], overlay: Overlay): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    const spec = podSpec(o);
    if (spec) problems.push(...checkWorkload(o, spec));
  }
  problems.push(...checkReferences(objects, overlay));
  problems.push(...checkExposure(objects));
  problems.push(...checkCompleteness(objects));
  return problems;
}
