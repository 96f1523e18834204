/**
 * Helm as a test tier for charts/mathesar: finds a real `helm` (the one `node scripts/install-helm.js`
 * unpacks to .tools/helm/helm, or one on the PATH), runs `helm lint` / `helm template` with values written
 * to a temporary file, parses the rendered documents and validates each against the Kubernetes schemas of
 * `kubernetes-models`, including a check for fields the schema does not know (what `kubectl apply
 * --validate=strict` would reject).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Pod } from "kubernetes-models/v1/Pod";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";

/** Repository root. */
export const REPO_ROOT = path.join(__dirname, "..", "..");
/** The chart under test (MATHESAR_CHART_DIR may point at another copy, e.g. an older commit's, to show a test failing there). */
export const CHART_DIR = process.env.MATHESAR_CHART_DIR ?? path.join(REPO_ROOT, "charts", "mathesar");
/** Release name and namespace every render uses. */
export const RELEASE = "demo";
export const NAMESPACE = "apps";
/** `<release>-mathesar`: the chart's full name for {@link RELEASE}. */
export const FULLNAME = `${RELEASE}-mathesar`;

/**
 * The helm binary: MATHESAR_HELM if set (and then only it), else .tools/helm/helm (scripts/install-helm.js),
 * else `helm` on the PATH; undefined if none runs.
 */
export function findHelm(): string | undefined {
  const candidates = process.env.MATHESAR_HELM
    ? [process.env.MATHESAR_HELM]
    : [path.join(REPO_ROOT, ".tools", "helm", "helm"), "helm"];
  return candidates.find((candidate) => spawnSync(candidate, ["version", "--short"], { stdio: "ignore" }).status === 0);
}

/** The helm found once per test file. */
export const HELM = findHelm();

/** Output of one helm command. */
export interface HelmResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

let counter = 0;

/** Runs helm with `values` (a plain object) passed as a values file. */
export function runHelm(args: string[], values: object = {}): HelmResult {
  if (!HELM) throw new Error("helm is not installed: run `node scripts/install-helm.js`");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-helm-"));
  const file = path.join(dir, `values-${process.pid}-${counter++}.json`);
  try {
    // JSON is YAML: no quoting surprises (a tag "0.11" stays a string).
    fs.writeFileSync(file, JSON.stringify(values));
    const result = spawnSync(HELM, [...args, "--values", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `helm lint --strict` of the chart. */
export function helmLint(values: object): HelmResult {
  return runHelm(["lint", "--strict", CHART_DIR, "--namespace", NAMESPACE], values);
}

/** `helm template` of the chart (extra flags such as `--skip-schema-validation` may be added). */
export function helmTemplate(values: object, extraArgs: string[] = []): HelmResult {
  return runHelm(["template", RELEASE, CHART_DIR, "--namespace", NAMESPACE, ...extraArgs], values);
}

/** `helm lint --strict` of the chart with a values file (the chart's ci/*-values.yaml). */
export function helmLintFile(valuesFile: string): HelmResult {
  const result = spawnSync(HELM!, ["lint", "--strict", CHART_DIR, "--namespace", NAMESPACE, "--values", valuesFile], {
    encoding: "utf8",
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `helm template` of the chart with a values file. */
export function helmTemplateFile(valuesFile: string): HelmResult {
  const result = spawnSync(HELM!, ["template", RELEASE, CHART_DIR, "--namespace", NAMESPACE, "--values", valuesFile], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `helm install --dry-run=client` (no cluster needed): the output includes the rendered NOTES.txt. */
export function helmInstallDryRun(values: object): HelmResult {
  return runHelm(["install", RELEASE, CHART_DIR, "--namespace", NAMESPACE, "--dry-run=client"], values);
}

/** The NOTES section of `helm install --dry-run` output. */
export function notesOf(output: string): string {
  const start = output.indexOf("NOTES:");
  if (start < 0) throw new Error(`no NOTES in helm output:\n${output}`);
  return output.slice(start);
}

/** A rendered Kubernetes object. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };

  [key: string]: any;
}

/** Parses `helm template` output into objects; fails on YAML errors (duplicate keys included). */
export function parseManifests(stdout: string): Manifest[] {
  return parseAllDocuments(stdout, { uniqueKeys: true })
    .map((doc) => {
      if (doc.errors.length > 0)
        throw new Error(`invalid YAML from helm template: ${doc.errors.map((e) => e.message).join("; ")}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((doc): doc is Manifest => doc !== null);
}

interface ModelClass {
  new (data: object): { validate(): void };
  prototype: { validate(): void };
}

/** The kubernetes-models class for every `apiVersion/kind` the chart may render. */
export const MODELS: Readonly<Record<string, ModelClass>> = {
  "v1/ConfigMap": ConfigMap,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "v1/Pod": Pod,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/Ingress": Ingress,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

/**
 * Fields of `doc` its schema does not know. kubernetes-models validates types and required fields but,
 * like the API server's default, ignores unknown fields; a typo such as `readOnlyRootFileSystem` would then
 * be dropped silently by the cluster. The compiled validators read exactly the properties their schema
 * declares (and enumerate the keys of free-form maps such as labels), so a proxy records what is read and
 * every key never read is unknown.
 */
export function unknownFields(model: ModelClass, doc: object): string[] {
  const read = new Map<object, Set<string>>();
  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const target = value as object;
    if (!read.has(target)) read.set(target, new Set());
    const seen = read.get(target)!;
    return new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === "string") seen.add(key);
        return wrap(Reflect.get(t, key, receiver));
      },
      has(t, key) {
        if (typeof key === "string") seen.add(key);
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        for (const key of Reflect.ownKeys(t)) if (typeof key === "string") seen.add(key);
        return Reflect.ownKeys(t);
      },
    });
  };
  model.prototype.validate.call(wrap(doc));
  const unknown: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${at}[${index}]`));
      return;
    }
    const seen = read.get(value);
    // Objects the validator never looked into are free-form (or not reached): nothing to say about them.
    if (seen && seen.size > 0) for (const key of Object.keys(value)) if (!seen.has(key)) unknown.push(`${at}.${key}`);
    for (const [key, child] of Object.entries(value)) walk(child, `${at}.${key}`);
  };
  walk(doc, "");
  return unknown;
}

/** Validates one rendered object against its Kubernetes schema; throws on an unknown kind, a schema error or an unknown field. */
export function validateManifest(doc: Manifest): void {
  const id = `${doc.apiVersion}/${doc.kind}`;
  const model = MODELS[id];
  const where = `${doc.kind} ${doc.metadata?.name}`;
  if (!model)
    throw new Error(`${where}: no kubernetes-models class for ${id}; add it to MODELS in __tests__/support/helm.ts`);
  try {
    new model(doc).validate();
  } catch (error) {
    throw new Error(`${where} is not a valid ${id}: ${(error as Error).message}`, { cause: error });
  }
  const unknown = unknownFields(model, doc);
  if (unknown.length > 0) throw new Error(`${where} has fields ${id} does not define: ${unknown.join(", ")}`);
}
