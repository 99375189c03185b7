import Ajv, { type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, REPO_ROOT, type K8sObject } from './manifest';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

/** `apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment` (core kinds live under `v1`). */
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, ModelClass>;
    return mod[kind];
  } catch {
    return undefined;
  }
}

const SCHEMA_DIR = join(REPO_ROOT, 'deploy', 'schemas');
let crdValidators: Map<string, ValidateFunction> | undefined;

/** The CRD schemas kept in deploy/schemas, by `group/version/Kind`. */
function crdSchemas(): Map<string, ValidateFunction> {
  if (crdValidators) return crdValidators;
  const ajv = new Ajv({ allErrors: true, strict: false });
  crdValidators = new Map();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const [group, version, kind] = file.replace(/\.json$/, '').split('_');
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object;
    crdValidators.set(`${group}/${version}/${kind}`, ajv.compile(schema));
  }
  return crdValidators;
}

/**
 * Validates one object offline: Kubernetes kinds against the API schemas (kubernetes-models),
 * custom resources against deploy/schemas. An object no schema covers is an error too.
 */
export function validateObject(o: K8sObject): string[] {
  const crd = crdSchemas().get(`${o.apiVersion}/${o.kind}`);
  if (crd) {
    if (crd(o)) return [];
    return (crd.errors ?? []).map(
      (e) => `${describe(o)}: ${e.instancePath || '(root)'} ${e.message ?? 'invalid'}`,
    );
  }
  const Model = modelFor(o.apiVersion, o.kind);
  if (!Model) return [`${describe(o)}: no schema for ${o.apiVersion} ${o.kind}`];
  try {
    new Model(o).validate();
    return [];
  } catch (error) {
    return [`${describe(o)}: ${error instanceof Error ? error.message : String(error)}`];
  }
}
