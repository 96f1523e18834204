/**
 * `helm template` for every entry of the value matrix (rendered once per entry and shared by all tests):
 * every document must be a valid object of a known Kubernetes kind with no unknown fields, and the
 * manifests must keep the promises of the Mathesar contract (modules/mathesar): all three POSTGRES_*
 * variables, secrets only through secretKeyRef, no `-f`/`-s`, probes on the contract's paths with the
 * contract's grace period, a read-only root filesystem, the uploads volume, the bootstrap hook.
 */
import * as fs from "fs";
import * as path from "path";
import {
  ADMIN_ENV,
  DATABASE_ADMIN_ENV,
  MIN_ADMIN_PASSWORD_LENGTH,
  MIN_SECRET_KEY_LENGTH,
} from "../../modules/mathesar/admin-bootstrap";
import {
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  SECRET_ENV_NAMES,
  buildMathesarEnvironment,
} from "../../modules/mathesar/environment";
import { LIVENESS_PATH, READINESS_PATH, STARTUP_GRACE_SECONDS } from "../../modules/mathesar/health";
import {
  COLLECT_STATIC_COMMAND,
  DEFAULT_MATHESAR_VERSION,
  MATHESAR_IMAGE_REPOSITORY,
  MATHESAR_MEDIA_PATH,
  MATHESAR_PORT,
  MATHESAR_START_COMMAND_PREPARED,
  MATHESAR_WORKDIR,
} from "../../modules/mathesar/image";
import { MATHESAR_SIZES, webConcurrency } from "../../modules/mathesar/sizes";
import {
  CHART_DIR,
  FULLNAME,
  HELM,
  Manifest,
  NAMESPACE,
  RELEASE,
  helmTemplate,
  parseManifests,
  validateManifest,
} from "../support/helm";
import { describeWithTool } from "../support/tools";
import { DB_HOST, MATRIX, MatrixEntry, POOLER_USER, PUBLIC_HOST, entry } from "./matrix";

/** The chart's own version (Chart.yaml), which Helm puts in the helm.sh/chart label. */
const CHART_VERSION = /^version:\s*(\S+)\s*$/m.exec(
  fs.readFileSync(path.join(__dirname, "..", "..", "charts", "mathesar", "Chart.yaml"), "utf8"),
)?.[1];

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
type Container = {
  name: string;
  image: string;
  command?: string[];
  workingDir?: string;
  env?: Env[];
  ports?: Array<{ containerPort: number; name?: string }>;
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[]; add?: string[] } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
};
type Probe = {
  httpGet?: { path: string; port: string | number; httpHeaders?: Array<{ name: string; value: string }> };
  tcpSocket?: unknown;
  periodSeconds?: number;
  failureThreshold?: number;
};
type PodSpec = {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Array<{
    name: string;
    persistentVolumeClaim?: { claimName: string };
    emptyDir?: object;
    configMap?: { name: string };
  }>;
  securityContext?: Record<string, unknown>;
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
};

/** Variables that carry secrets: the contract's list plus the bootstrap's database admin password. */
const SECRET_VARIABLES: string[] = [...SECRET_ENV_NAMES, DATABASE_ADMIN_ENV.password];
const SERVICE_FQDN = `${FULLNAME}.${NAMESPACE}.svc.cluster.local`;

const rendered = new Map<string, Manifest[]>();
/** The entry's manifests, rendered once. */
function render(e: MatrixEntry): Manifest[] {
  if (!rendered.has(e.name)) {
    const result = helmTemplate(e.values);
    if (result.status !== 0) throw new Error(`helm template failed for "${e.name}":\n${result.stderr}`);
    rendered.set(e.name, parseManifests(result.stdout));
  }
  return rendered.get(e.name)!;
}

const ofKind = (docs: Manifest[], kind: string) => docs.filter((d) => d.kind === kind);
function one(docs: Manifest[], kind: string, name?: string): Manifest {
  const found = ofKind(docs, kind).filter((d) => name === undefined || d.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` named ${name}` : ""}, found ${found.length}`);
  return found[0];
}
const web = (docs: Manifest[]) => one(docs, "Deployment", FULLNAME);
const webPod = (docs: Manifest[]): PodSpec => web(docs).spec.template.spec;
const webContainer = (docs: Manifest[]): Container => webPod(docs).containers.find((c) => c.name === "mathesar")!;
const job = (docs: Manifest[]) => one(docs, "Job", `${FULLNAME}-bootstrap`);
const jobPod = (docs: Manifest[]): PodSpec => job(docs).spec.template.spec;
const containersOf = (pod: PodSpec): Container[] => [...(pod.initContainers ?? []), ...pod.containers];
/** Every pod template rendered: Deployments, Jobs, StatefulSets. */
const pods = (docs: Manifest[]): Array<{ owner: string; pod: PodSpec }> =>
  docs
    .filter((d) => ["Deployment", "Job", "StatefulSet"].includes(d.kind))
    .map((d) => ({ owner: `${d.kind} ${d.metadata.name}`, pod: d.spec.template.spec }));
const mathesarContainers = (docs: Manifest[]): Container[] =>
  pods(docs)
    .flatMap(({ pod }) => containersOf(pod))
    .filter((c) => c.image.startsWith(`${MATHESAR_IMAGE_REPOSITORY}:`));
const envMap = (c: Container): Record<string, Env> => Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));
const plain = (c: Container, name: string): string | undefined => envMap(c)[name]?.value;
const decode = (secret: Manifest, key: string) => Buffer.from(secret.data[key], "base64").toString("utf8");
const ALL = MATRIX.map((e) => [e.name, e] as const);

describeWithTool("helm", HELM !== undefined, "helm template", () => {
  describe("every document is a valid Kubernetes object of a known kind", () => {
    test.each(ALL)("%s", (_name, e) => {
      const docs = render(e);
      expect(docs.length).toBeGreaterThan(5);
      for (const doc of docs) validateManifest(doc);
      expect([...new Set(docs.map((d) => d.kind))].sort()).toEqual(e.kinds);
      for (const doc of docs) expect(doc.metadata.namespace ?? NAMESPACE).toBe(NAMESPACE);
    });

    test("the strict check catches a field Kubernetes does not define (it would be dropped silently)", () => {
      const deployment = JSON.parse(JSON.stringify(web(render(MATRIX[0]))));
      deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
      expect(() => validateManifest(deployment)).toThrow(/readOnlyRootFileSystem/);
      expect(() => validateManifest({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "x" } })).toThrow(
        /no kubernetes-models class for v1\/Endpoints/,
      );
    });

    test("every object carries the standard app.kubernetes.io labels", () => {
      for (const [, e] of ALL) {
        for (const doc of render(e)) {
          expect(doc.metadata.labels).toMatchObject({
            "app.kubernetes.io/name": "mathesar",
            "app.kubernetes.io/instance": RELEASE,
            "app.kubernetes.io/managed-by": "Helm",
            "app.kubernetes.io/version": DEFAULT_MATHESAR_VERSION,
            "helm.sh/chart": `mathesar-${CHART_VERSION}`,
          });
        }
      }
    });
  });

  describe("environment", () => {
    test.each(ALL)(
      "all three required POSTGRES_* variables are set and non-empty in every Mathesar container: %s",
      (_name, e) => {
        for (const c of mathesarContainers(render(e)).filter((c) => c.name !== "wait-for-database")) {
          for (const name of ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"]) expect(plain(c, name)).toMatch(/\S/);
        }
        expect(plain(webContainer(render(e)), "POSTGRES_HOST")).toBe(
          e.values.postgresql ? `${FULLNAME}-postgresql` : DB_HOST,
        );
      },
    );

    test.each(ALL)("secrets reach containers only through secretKeyRef, never as plain values: %s", (_name, e) => {
      const docs = render(e);
      for (const { owner, pod } of pods(docs)) {
        for (const c of containersOf(pod)) {
          for (const env of c.env ?? []) {
            if (!SECRET_VARIABLES.includes(env.name)) continue;
            expect({ owner, container: c.name, env: env.name, value: env.value }).toEqual({
              owner,
              container: c.name,
              env: env.name,
              value: undefined,
            });
            expect(env.valueFrom?.secretKeyRef).toEqual({ name: expect.any(String), key: expect.any(String) });
          }
        }
      }
      const names = (webContainer(docs).env ?? []).map((v) => v.name);
      expect(names).toContain("SECRET_KEY");
    });

    test("the Mathesar variables are exactly the contract's (buildMathesarEnvironment), plus SSO when configured", () => {
      const contract = buildMathesarEnvironment<string>({
        database: { host: "h", port: 5432, name: "n", user: "u", password: "p", sslMode: "require" },
        secretKey: "s",
        allowedHosts: "a",
        webConcurrency: 1,
      });
      const expected = [...Object.keys(contract.plain), ...Object.keys(contract.secrets)].sort();
      expect((webContainer(render(entry("external database"))).env ?? []).map((v) => v.name).sort()).toEqual(expected);
      // Without a password Secret (trust or certificate authentication) POSTGRES_PASSWORD is left out, not empty.
      const passwordless = expected.filter((n) => n !== "POSTGRES_PASSWORD");
      expect((webContainer(render(entry("defaults"))).env ?? []).map((v) => v.name).sort()).toEqual(passwordless);
      expect((webContainer(render(entry("SSO"))).env ?? []).map((v) => v.name).sort()).toEqual(
        [...passwordless, "SSO_CONFIG_DICT"].sort(),
      );
    });

    test("existing Secrets are referenced by the names and keys given", () => {
      const env = envMap(webContainer(render(entry("external database"))));
      expect(env.POSTGRES_PASSWORD.valueFrom?.secretKeyRef).toEqual({ name: "mathesar-db", key: "db-password" });
      expect(env.SECRET_KEY.valueFrom?.secretKeyRef).toEqual({ name: "mathesar-secret-key", key: "django-secret-key" });
      expect(env.POSTGRES_PORT.value).toBe("6432");
      const bootstrap = envMap(jobPod(render(entry("external database"))).containers[0]);
      expect(bootstrap[ADMIN_ENV.password].valueFrom?.secretKeyRef).toEqual({
        name: "mathesar-admin",
        key: "admin-password",
      });
      expect(bootstrap[DATABASE_ADMIN_ENV.user].valueFrom?.secretKeyRef).toEqual({ name: "pg-admin", key: "username" });
      expect(bootstrap[DATABASE_ADMIN_ENV.password].valueFrom?.secretKeyRef).toEqual({
        name: "pg-admin",
        key: "password",
      });
      expect(bootstrap[ADMIN_ENV.email].value).toBe("admin@example.org");
    });

    test("SSO comes from its Secret and REQUIRE_SSO_LOGIN follows the value", () => {
      const env = envMap(webContainer(render(entry("SSO"))));
      expect(env.SSO_CONFIG_DICT.valueFrom?.secretKeyRef).toEqual({ name: "mathesar-sso", key: "SSO_CONFIG_DICT" });
      expect(env.REQUIRE_SSO_LOGIN.value).toBe("true");
      expect(envMap(webContainer(render(entry("defaults")))).REQUIRE_SSO_LOGIN.value).toBe("false");
    });

    test("gunicorn: the contract's timeout and access log, DEBUG off", () => {
      for (const [, e] of ALL) {
        const c = webContainer(render(e));
        expect(plain(c, "GUNICORN_CMD_ARGS")).toBe(`--timeout ${DEFAULT_REQUEST_TIMEOUT_SECONDS} --access-logfile -`);
        expect(plain(c, "DEBUG")).toBe("false");
      }
    });

    test("ALLOWED_HOSTS: the public host(s) and the Service's cluster DNS names; localhost only without a public host", () => {
      const hosts = (e: MatrixEntry) => plain(webContainer(render(e)), "ALLOWED_HOSTS")!.split(",");
      const cluster = [FULLNAME, `${FULLNAME}.${NAMESPACE}`, `${FULLNAME}.${NAMESPACE}.svc`, SERVICE_FQDN];
      expect(hosts(entry("ingress with cert-manager"))).toEqual([PUBLIC_HOST, "data.example.org", ...cluster]);
      expect(hosts(entry("no ingress"))).toEqual([PUBLIC_HOST, ...cluster]);
      expect(hosts(entry("defaults"))).toEqual([...cluster, "localhost", "127.0.0.1"]);
    });

    test("the database admin credentials reach only the bootstrap, never the web pods", () => {
      for (const name of ["external database", "generated secrets"]) {
        const docs = render(entry(name));
        const bootstrap = envMap(jobPod(docs).containers[0]);
        expect(bootstrap[DATABASE_ADMIN_ENV.user]).toBeDefined();
        expect(bootstrap[DATABASE_ADMIN_ENV.password]).toBeDefined();
        for (const c of containersOf(webPod(docs))) {
          expect(Object.keys(envMap(c))).not.toContain(DATABASE_ADMIN_ENV.user);
          expect(Object.keys(envMap(c))).not.toContain(DATABASE_ADMIN_ENV.password);
          expect(Object.keys(envMap(c))).not.toContain(ADMIN_ENV.password);
        }
      }
      expect(Object.keys(envMap(jobPod(render(entry("defaults"))).containers[0]))).not.toContain(
        DATABASE_ADMIN_ENV.user,
      );
    });

    test("a pooler login with a dot is passed as is, with its password Secret and no database admin", () => {
      const docs = render(entry("pooler login"));
      for (const c of mathesarContainers(docs).filter((c) => c.name !== "wait-for-database"))
        expect(plain(c, "POSTGRES_USER")).toBe(POOLER_USER);
      expect(envMap(webContainer(docs)).POSTGRES_PASSWORD.valueFrom?.secretKeyRef).toEqual({
        name: "mathesar-db",
        key: "password",
      });
      expect(Object.keys(envMap(jobPod(docs).containers[0]))).not.toContain(DATABASE_ADMIN_ENV.user);
    });
  });

  describe("web pods", () => {
    test.each(ALL)(
      "start with the prepared command: no -f (throwaway database), no -s (unlocked migrations): %s",
      (_name, e) => {
        const c = webContainer(render(e));
        expect(c.command).toEqual([...MATHESAR_START_COMMAND_PREPARED]);
        expect(c.command!.slice(3).join(" ")).not.toMatch(/-\w*[fs]/);
        expect(c.workingDir).toBe(MATHESAR_WORKDIR);
        expect(c.ports).toEqual([{ name: "http", containerPort: MATHESAR_PORT, protocol: "TCP" }]);
      },
    );

    test.each(ALL)("use the pinned image, defaulting to the chart's appVersion: %s", (_name, e) => {
      for (const c of mathesarContainers(render(e)))
        expect(c.image).toBe(`${MATHESAR_IMAGE_REPOSITORY}:${DEFAULT_MATHESAR_VERSION}`);
    });

    test("an explicit tag and digest are used as given", () => {
      const result = helmTemplate({
        database: { host: DB_HOST },
        image: { tag: "0.10.1", digest: `sha256:${"a".repeat(64)}` },
      });
      expect(result.status).toBe(0);
      expect(webContainer(parseManifests(result.stdout)).image).toBe(
        `${MATHESAR_IMAGE_REPOSITORY}:0.10.1@sha256:${"a".repeat(64)}`,
      );
    });

    test.each(ALL)(
      "probes: startup and liveness on the static favicon, readiness on the login page with an allowed Host: %s",
      (_name, e) => {
        const c = webContainer(render(e));
        expect(c.startupProbe?.httpGet?.path).toBe(LIVENESS_PATH);
        expect(c.startupProbe!.periodSeconds! * c.startupProbe!.failureThreshold!).toBeGreaterThanOrEqual(
          STARTUP_GRACE_SECONDS,
        );
        expect(c.livenessProbe?.httpGet?.path).toBe(LIVENESS_PATH);
        expect(c.readinessProbe?.httpGet?.path).toBe(READINESS_PATH);
        const host = c.readinessProbe?.httpGet?.httpHeaders?.find((h) => h.name === "Host")?.value;
        const ingressHost = (e.values.ingress as { host?: string } | undefined)?.host;
        expect(host).toBe(ingressHost ?? SERVICE_FQDN);
        expect(plain(c, "ALLOWED_HOSTS")!.split(",")).toContain(host);
        for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe])
          expect(probe?.httpGet?.port).toBe("http");
      },
    );

    test("a longer startup grace period lengthens the startup probe's budget", () => {
      const result = helmTemplate({ database: { host: DB_HOST }, startupGraceSeconds: 905 });
      const probe = webContainer(parseManifests(result.stdout)).startupProbe!;
      expect(probe.periodSeconds! * probe.failureThreshold!).toBeGreaterThanOrEqual(905);
    });

    test.each(ALL)("run as locked down as the root-only image allows: %s", (_name, e) => {
      const docs = render(e);
      for (const pod of [webPod(docs), ...ofKind(docs, "Job").map((j) => j.spec.template.spec as PodSpec)]) {
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.securityContext).toMatchObject({ seccompProfile: { type: "RuntimeDefault" } });
        for (const c of containersOf(pod)) {
          expect(c.securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            privileged: false,
          });
          expect(c.securityContext?.capabilities).toEqual({ drop: ["ALL"] });
          // The image writes /code/static and /code/.media as root: runAsNonRoot would stop it (README, "Security").
          expect(c.securityContext?.runAsNonRoot).toBeUndefined();
        }
      }
    });

    test.each(ALL)("writable places are volumes: static files, uploads and /tmp: %s", (_name, e) => {
      const docs = render(e);
      const pod = webPod(docs);
      const mounts = Object.fromEntries((webContainer(docs).volumeMounts ?? []).map((m) => [m.mountPath, m.name]));
      expect(Object.keys(mounts).sort()).toEqual([MATHESAR_MEDIA_PATH, `${MATHESAR_WORKDIR}/static`, "/tmp"].sort());
      const volumes = Object.fromEntries((pod.volumes ?? []).map((v) => [v.name, v]));
      expect(volumes[mounts[`${MATHESAR_WORKDIR}/static`]].emptyDir).toBeDefined();
      expect(volumes[mounts["/tmp"]].emptyDir).toBeDefined();
      const claim =
        (e.values.persistence as { existingClaim?: string } | undefined)?.existingClaim ?? `${FULLNAME}-media`;
      expect(volumes[mounts[MATHESAR_MEDIA_PATH]].persistentVolumeClaim).toEqual({ claimName: claim });
      if (!(e.values.persistence as { existingClaim?: string } | undefined)?.existingClaim) {
        const pvc = one(docs, "PersistentVolumeClaim", claim);
        expect(pvc.spec.accessModes).toEqual([
          (e.values.persistence as { accessMode?: string } | undefined)?.accessMode ?? "ReadWriteOnce",
        ]);
        expect(pvc.spec.resources.requests.storage).toBe("10Gi");
      }
    });

    test("static files are collected by an init container into the volume the web container serves from", () => {
      const docs = render(entry("defaults"));
      const init = webPod(docs).initContainers!.find((c) => c.name === "collectstatic")!;
      expect(init.command).toEqual(COLLECT_STATIC_COMMAND.split(" "));
      const staticVolume = (c: Container) =>
        c.volumeMounts!.find((m) => m.mountPath === `${MATHESAR_WORKDIR}/static`)!.name;
      expect(staticVolume(init)).toBe(staticVolume(webContainer(docs)));
      // Settings load at collectstatic: without SECRET_KEY Django would try to write one to the read-only root.
      expect(envMap(init).SECRET_KEY.valueFrom?.secretKeyRef).toBeDefined();
    });

    test("persistence off: uploads on an emptyDir", () => {
      const result = helmTemplate({ database: { host: DB_HOST }, persistence: { enabled: false } });
      const docs = parseManifests(result.stdout);
      expect(ofKind(docs, "PersistentVolumeClaim")).toHaveLength(0);
      expect(webPod(docs).volumes!.find((v) => v.name === "media")).toEqual({ name: "media", emptyDir: {} });
    });

    test.each(MATHESAR_SIZES.map((s) => [s]))(
      "size %s: resources and gunicorn workers follow the contract's webConcurrency()",
      (size) => {
        const result = helmTemplate({ database: { host: DB_HOST }, size });
        const c = webContainer(parseManifests(result.stdout));
        const cpu = c.resources!.requests!.cpu;
        const vcpus = cpu.endsWith("m") ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu);
        const memory = c.resources!.requests!.memory;
        const mebibytes = Number(memory.replace(/Gi$/, "")) * (memory.endsWith("Gi") ? 1024 : 1);
        expect(plain(c, "WEB_CONCURRENCY")).toBe(String(webConcurrency(vcpus, mebibytes)));
        expect(c.resources!.limits!.memory).toBe(memory);
      },
    );

    test("explicit resources and webConcurrency replace the size preset", () => {
      const resources = { requests: { cpu: "3", memory: "6Gi" }, limits: { memory: "6Gi" } };
      const result = helmTemplate({ database: { host: DB_HOST }, size: "small", resources, webConcurrency: 7 });
      const c = webContainer(parseManifests(result.stdout));
      expect(c.resources).toEqual(resources);
      expect(plain(c, "WEB_CONCURRENCY")).toBe("7");
    });

    test("the large size renders more resources than small", () => {
      const large = webContainer(render(entry("size large")));
      expect(large.resources?.requests).toEqual({ cpu: "2", memory: "4Gi" });
      expect(plain(large, "WEB_CONCURRENCY")).toBe("5");
    });

    test("a ReadWriteOnce volume rolls out with Recreate; shared uploads roll out one pod at a time", () => {
      expect(web(render(entry("defaults"))).spec.strategy).toEqual({ type: "Recreate" });
      expect(web(render(entry("two replicas"))).spec.strategy).toEqual({
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      });
    });

    test("the web pods use the chart's ServiceAccount, whose token is never mounted", () => {
      const docs = render(entry("defaults"));
      expect(webPod(docs).serviceAccountName).toBe(FULLNAME);
      expect(one(docs, "ServiceAccount", FULLNAME).automountServiceAccountToken).toBe(false);
    });
  });

  describe("bootstrap", () => {
    const externalEntries = ALL.filter(([, e]) => !e.values.postgresql);

    test.each(externalEntries)(
      "a pre-install/pre-upgrade hook Job runs files/bootstrap.py from the ConfigMap: %s",
      (_name, e) => {
        const docs = render(e);
        const j = job(docs);
        expect(j.metadata.annotations).toMatchObject({
          "helm.sh/hook": "pre-install,pre-upgrade",
          "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
        });
        expect(j.spec.backoffLimit).toBe(3);
        expect(j.spec.activeDeadlineSeconds).toBe(900);
        const pod = jobPod(docs);
        const bootstrap = pod.containers.find((c) => c.name === "bootstrap")!;
        expect(bootstrap.command).toEqual(["python", "/bootstrap/bootstrap.py"]);
        expect(bootstrap.workingDir).toBe(MATHESAR_WORKDIR);
        // `python /bootstrap/bootstrap.py` puts /bootstrap on sys.path, not the working directory.
        expect(plain(bootstrap, "PYTHONPATH")).toBe(MATHESAR_WORKDIR);
        expect(bootstrap.volumeMounts).toContainEqual(
          expect.objectContaining({ name: "bootstrap", mountPath: "/bootstrap" }),
        );
        const configMapName = pod.volumes!.find((v) => v.name === "bootstrap")!.configMap!.name;
        const configMap = one(docs, "ConfigMap", configMapName);
        expect(configMap.data["bootstrap.py"]).toBe(
          fs.readFileSync(path.join(CHART_DIR, "files", "bootstrap.py"), "utf8"),
        );
        expect(pod.initContainers!.map((c) => c.name)).toEqual(["wait-for-database"]);
      },
    );

    test.each(externalEntries)(
      "what the hook Job needs exists before it: hooks of a lower weight, generated Secrets kept: %s",
      (_name, e) => {
        const docs = render(e);
        const weight = (d: Manifest) => Number(d.metadata.annotations?.["helm.sh/hook-weight"] ?? "0");
        const jobWeight = weight(job(docs));
        const pod = jobPod(docs);
        const needed = new Set<string>([pod.volumes!.find((v) => v.name === "bootstrap")!.configMap!.name]);
        for (const c of containersOf(pod))
          for (const env of c.env ?? []) if (env.valueFrom?.secretKeyRef) needed.add(env.valueFrom.secretKeyRef.name);
        for (const doc of [...ofKind(docs, "Secret"), ...ofKind(docs, "ConfigMap")]) {
          expect(doc.metadata.annotations?.["helm.sh/hook"]).toBe("pre-install,pre-upgrade");
          expect(weight(doc)).toBeLessThan(jobWeight);
          // Hook resources are deleted only right before they are re-created (with the looked-up value).
          expect(doc.metadata.annotations?.["helm.sh/hook-delete-policy"]).toBe("before-hook-creation");
          if (doc.kind === "Secret") expect(doc.metadata.annotations?.["helm.sh/resource-policy"]).toBe("keep");
        }
        // Every Secret the Job reads is either the user's or one of these hooks.
        const chartSecrets = ofKind(docs, "Secret").map((s) => s.metadata.name);
        const userSecrets = ["mathesar-db", "mathesar-secret-key", "mathesar-admin", "pg-admin", "mathesar-sso"];
        for (const name of needed) expect([...chartSecrets, ...userSecrets, configMapNameOf(docs)]).toContain(name);
      },
    );

    test("generated secrets are long enough for the bootstrap's checks", () => {
      const docs = render(entry("generated secrets"));
      const secretKey = decode(one(docs, "Secret", `${FULLNAME}-secret-key`), "SECRET_KEY");
      expect(secretKey).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(secretKey.length).toBeGreaterThanOrEqual(MIN_SECRET_KEY_LENGTH);
      expect(decode(one(docs, "Secret", `${FULLNAME}-admin`), "password").length).toBeGreaterThanOrEqual(
        MIN_ADMIN_PASSWORD_LENGTH,
      );
      // With the server admin's credentials the bootstrap creates the role, so the chart generates its password.
      const database = one(docs, "Secret", `${FULLNAME}-database`);
      expect(decode(database, "password").length).toBeGreaterThanOrEqual(24);
      expect(envMap(webContainer(docs)).POSTGRES_PASSWORD.valueFrom?.secretKeyRef).toEqual({
        name: `${FULLNAME}-database`,
        key: "password",
      });
    });

    test("generated secrets are read back from the cluster on upgrade (lookup), so SECRET_KEY never changes", () => {
      const helpers = fs.readFileSync(path.join(CHART_DIR, "templates", "_helpers.tpl"), "utf8");
      const generator = helpers.slice(helpers.indexOf('define "mathesar.generatedSecret"'));
      expect(generator).toMatch(/lookup "v1" "Secret" \$root\.Release\.Namespace \$name/);
      expect(generator).toMatch(/\$value = index \$existing\.data \$key/);
    });

    test("the first admin: created from the admin Secret when enabled; no user name (and no password) when disabled", () => {
      const enabled = envMap(jobPod(render(entry("defaults"))).containers[0]);
      expect(enabled[ADMIN_ENV.username].value).toBe("admin");
      expect(enabled[ADMIN_ENV.password].valueFrom?.secretKeyRef).toEqual({
        name: `${FULLNAME}-admin`,
        key: "password",
      });
      const docs = render(entry("admin disabled"));
      const disabled = envMap(jobPod(docs).containers[0]);
      expect(disabled[ADMIN_ENV.username].value).toBe("");
      expect(disabled[ADMIN_ENV.password]).toBeUndefined();
      expect(ofKind(docs, "Secret").map((s) => s.metadata.name)).toEqual([`${FULLNAME}-secret-key`]);
    });

    test("the wait for the database gets only the host, the port and its time limit", () => {
      const wait = jobPod(render(entry("external database"))).initContainers![0];
      expect(wait.command).toEqual(["python", "/bootstrap/wait-for-database.py"]);
      expect(Object.keys(envMap(wait)).sort()).toEqual([
        "MATHESAR_WAIT_FOR_DATABASE_SECONDS",
        "POSTGRES_HOST",
        "POSTGRES_PORT",
      ]);
      expect(plain(wait, "POSTGRES_PORT")).toBe("6432");
    });

    test("with the in-cluster database (not there yet at pre-install) the web pods run the locked bootstrap first", () => {
      const docs = render(entry("in-cluster"));
      expect(ofKind(docs, "Job")).toHaveLength(0);
      const pod = webPod(docs);
      expect(pod.initContainers!.map((c) => c.name)).toEqual(["wait-for-database", "bootstrap", "collectstatic"]);
      expect(pod.initContainers![1].command).toEqual(["python", "/bootstrap/bootstrap.py"]);
      expect(pod.volumes!.find((v) => v.name === "bootstrap")!.configMap!.name).toBe(`${FULLNAME}-bootstrap`);
      // The main container still never sees the admin password.
      expect(Object.keys(envMap(webContainer(docs)))).not.toContain(ADMIN_ENV.password);
    });
  });

  describe("in-cluster PostgreSQL", () => {
    test("a pinned postgres:17 StatefulSet with a volume and a generated password; Mathesar connects without TLS inside the cluster", () => {
      const docs = render(entry("in-cluster"));
      const statefulSet = one(docs, "StatefulSet", `${FULLNAME}-postgresql`);
      const container = statefulSet.spec.template.spec.containers[0] as Container;
      expect(container.image).toBe("postgres:17");
      expect(statefulSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("8Gi");
      expect(envMap(container).POSTGRES_PASSWORD.valueFrom?.secretKeyRef).toEqual({
        name: `${FULLNAME}-database`,
        key: "password",
      });
      expect(decode(one(docs, "Secret", `${FULLNAME}-database`), "password")).toMatch(/^[A-Za-z0-9]{32}$/);
      const env = envMap(webContainer(docs));
      expect(env.POSTGRES_SSLMODE.value).toBe("disable");
      expect(env.POSTGRES_PORT.value).toBe("5432");
      expect(env.POSTGRES_PASSWORD.valueFrom?.secretKeyRef).toEqual({ name: `${FULLNAME}-database`, key: "password" });
      expect(statefulSet.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999 });
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      // volumeClaimTemplates cannot change later: no label that changes with the chart version.
      expect(Object.keys(statefulSet.spec.volumeClaimTemplates[0].metadata.labels)).not.toContain(
        "app.kubernetes.io/version",
      );
    });

    test("only Mathesar's pods may reach it", () => {
      const policy = one(render(entry("in-cluster")), "NetworkPolicy", `${FULLNAME}-postgresql`);
      expect(policy.spec.ingress).toHaveLength(1);
      expect(policy.spec.ingress[0].ports).toEqual([{ port: 5432, protocol: "TCP" }]);
      expect(policy.spec.ingress[0].from[0].podSelector.matchLabels).toEqual({
        "app.kubernetes.io/name": "mathesar",
        "app.kubernetes.io/instance": RELEASE,
      });
      expect(policy.spec.egress).toEqual([]);
    });
  });

  describe("Service and Ingress", () => {
    test("the Service forwards port 80 to the container's port 8000", () => {
      const service = one(render(entry("defaults")), "Service", FULLNAME);
      expect(service.spec.type).toBe("ClusterIP");
      expect(service.spec.ports).toEqual([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
      expect(service.spec.selector).toEqual(web(render(entry("defaults"))).spec.selector.matchLabels);
    });

    test("cert-manager: the issuer annotation, TLS for every host in <fullname>-tls, user annotations win over the chart's", () => {
      const ingress = one(render(entry("ingress with cert-manager")), "Ingress", FULLNAME);
      expect(ingress.metadata.annotations).toMatchObject({
        "cert-manager.io/cluster-issuer": "letsencrypt-prod",
        "nginx.ingress.kubernetes.io/proxy-body-size": "500m",
        "nginx.ingress.kubernetes.io/proxy-read-timeout": String(DEFAULT_REQUEST_TIMEOUT_SECONDS),
      });
      expect(ingress.spec.ingressClassName).toBe("nginx");
      expect(ingress.spec.tls).toEqual([{ hosts: [PUBLIC_HOST, "data.example.org"], secretName: `${FULLNAME}-tls` }]);
      expect(ingress.spec.rules.map((r: { host: string }) => r.host)).toEqual([PUBLIC_HOST, "data.example.org"]);
      expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: FULLNAME, port: { name: "http" } });
    });

    describe("ingress-nginx annotations: with className nginx or empty (the default class), never with another class", () => {
      const NGINX_DEFAULTS = {
        "nginx.ingress.kubernetes.io/proxy-body-size": "100m",
        "nginx.ingress.kubernetes.io/proxy-read-timeout": String(DEFAULT_REQUEST_TIMEOUT_SECONDS),
        "nginx.ingress.kubernetes.io/proxy-send-timeout": String(DEFAULT_REQUEST_TIMEOUT_SECONDS),
      };
      const annotationsOf = (ingress: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
        const e: MatrixEntry = {
          name: `ingress ${JSON.stringify({ ingress, extra })}`,
          values: { database: { host: DB_HOST }, ingress: { host: PUBLIC_HOST, ...ingress }, ...extra },
          kinds: [],
        };
        const found = one(render(e), "Ingress", FULLNAME);
        validateManifest(found);
        return (found.metadata.annotations ?? {}) as Record<string, string>;
      };

      test("className empty (the default): the chart's annotations, timeouts following requestTimeoutSeconds", () => {
        expect(annotationsOf({})).toEqual(NGINX_DEFAULTS);
        expect(annotationsOf({ className: "" }, { requestTimeoutSeconds: 600 })).toEqual({
          ...NGINX_DEFAULTS,
          "nginx.ingress.kubernetes.io/proxy-read-timeout": "600",
          "nginx.ingress.kubernetes.io/proxy-send-timeout": "600",
        });
        expect(one(render(entry("SSO")), "Ingress", FULLNAME).metadata.annotations).toEqual(NGINX_DEFAULTS);
      });

      test("className nginx: the same annotations", () => {
        expect(annotationsOf({ className: "nginx" })).toEqual(NGINX_DEFAULTS);
      });

      test("another class: none of them (only the user's and cert-manager's)", () => {
        expect(annotationsOf({ className: "traefik" })).toEqual({});
        expect(
          annotationsOf({ className: "alb", certManager: { clusterIssuer: "le" }, annotations: { "x/y": "z" } }),
        ).toEqual({ "cert-manager.io/cluster-issuer": "le", "x/y": "z" });
      });

      test("user annotations still win with an empty className", () => {
        expect(
          annotationsOf({
            annotations: {
              "nginx.ingress.kubernetes.io/proxy-body-size": "1g",
              "nginx.ingress.kubernetes.io/proxy-read-timeout": "900",
            },
          }),
        ).toEqual({
          ...NGINX_DEFAULTS,
          "nginx.ingress.kubernetes.io/proxy-body-size": "1g",
          "nginx.ingress.kubernetes.io/proxy-read-timeout": "900",
        });
      });
    });

    test("no Ingress without a host, or when disabled", () => {
      expect(ofKind(render(entry("defaults")), "Ingress")).toHaveLength(0);
      expect(ofKind(render(entry("no ingress")), "Ingress")).toHaveLength(0);
      expect(ofKind(render(entry("SSO")), "Ingress")).toHaveLength(1);
    });
  });

  describe("scaling", () => {
    test("PodDisruptionBudget only with more than one pod or autoscaling; HPA only with autoscaling", () => {
      for (const [, e] of ALL) {
        const docs = render(e);
        const autoscaling = (e.values.autoscaling as { enabled?: boolean } | undefined)?.enabled === true;
        const several = ((e.values.replicaCount as number | undefined) ?? 1) > 1;
        expect({ entry: e.name, pdb: ofKind(docs, "PodDisruptionBudget").length }).toEqual({
          entry: e.name,
          pdb: autoscaling || several ? 1 : 0,
        });
        expect({ entry: e.name, hpa: ofKind(docs, "HorizontalPodAutoscaler").length }).toEqual({
          entry: e.name,
          hpa: autoscaling ? 1 : 0,
        });
      }
    });

    test("the autoscaler owns the replica count; the budget keeps one pod", () => {
      const docs = render(entry("autoscaling"));
      expect(web(docs).spec.replicas).toBeUndefined();
      const hpa = one(docs, "HorizontalPodAutoscaler", FULLNAME);
      expect(hpa.spec).toMatchObject({
        minReplicas: 2,
        maxReplicas: 6,
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: FULLNAME },
      });
      expect(hpa.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name)).toEqual(["cpu", "memory"]);
      const pdb = one(docs, "PodDisruptionBudget", FULLNAME);
      expect(pdb.spec.minAvailable).toBe(1);
      expect(pdb.spec.selector.matchLabels).toEqual(web(docs).spec.selector.matchLabels);
      expect(web(render(entry("two replicas"))).spec.replicas).toBe(2);
    });
  });

  describe("NetworkPolicy", () => {
    const policy = (e: MatrixEntry) => one(render(e), "NetworkPolicy", FULLNAME);

    test("in: only port 8000 from the ingress controller's namespace (and the release's `helm test` pod); it covers the web and bootstrap pods", () => {
      const p = policy(entry("defaults"));
      expect(p.spec.policyTypes).toEqual(["Ingress", "Egress"]);
      const testPod = {
        podSelector: {
          matchLabels: {
            "app.kubernetes.io/name": "mathesar",
            "app.kubernetes.io/instance": RELEASE,
            "app.kubernetes.io/component": "test",
          },
        },
      };
      expect(p.spec.ingress).toEqual([
        {
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }, testPod],
          ports: [{ port: MATHESAR_PORT, protocol: "TCP" }],
        },
      ]);
      expect(p.spec.podSelector.matchExpressions).toEqual([
        { key: "app.kubernetes.io/component", operator: "In", values: ["web", "bootstrap"] },
      ]);
    });

    test("out: DNS and the database port; HTTPS only when SSO needs it (or it is allowed)", () => {
      const ports = (e: MatrixEntry) =>
        policy(e).spec.egress.flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((p) => p.port));
      expect(ports(entry("defaults"))).toEqual([53, 53, 5432]);
      expect(ports(entry("external database"))).toEqual([53, 53, 6432]);
      expect(ports(entry("SSO"))).toEqual([53, 53, 5432, 443]);
    });

    test("no NetworkPolicy when disabled", () => {
      expect(ofKind(render(entry("networkPolicy off")), "NetworkPolicy")).toHaveLength(0);
    });
  });
});

function configMapNameOf(docs: Manifest[]): string {
  return ofKind(docs, "ConfigMap")[0]?.metadata.name ?? "";
}
