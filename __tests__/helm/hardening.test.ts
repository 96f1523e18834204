/**
 * What the independent review found beyond single bad values: the NetworkPolicy's egress and its place
 * in the hook order, liveness against long requests, the variables the chart owns, the SECRET_KEY on
 * upgrade, warnings in NOTES, and what chart-testing and Artifact Hub expect (ci/ values, `helm test`,
 * maintainers, license).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { SECRET_ENV_NAMES, buildMathesarEnvironment } from "../../modules/mathesar/environment";
import { LIVENESS_PATH, READINESS_PATH } from "../../modules/mathesar/health";
import { MATHESAR_PORT } from "../../modules/mathesar/image";
import {
  CHART_DIR,
  FULLNAME,
  HELM,
  Manifest,
  helmInstallDryRun,
  helmLintFile,
  helmTemplate,
  helmTemplateFile,
  notesOf,
  parseManifests,
  validateManifest,
} from "../support/helm";
import { describeWithTool } from "../support/tools";
import { DB_HOST, MATRIX, PUBLIC_HOST } from "./matrix";

type EgressRule = { to?: Array<Record<string, any>>; ports: Array<{ port: number; protocol: string }> };

function render(values: object, extraArgs: string[] = []): Manifest[] {
  const result = helmTemplate(values, extraArgs);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseManifests(result.stdout);
}
const find = (docs: Manifest[], kind: string, name: string) =>
  docs.find((d) => d.kind === kind && d.metadata.name === name);
const notes = (values: object) => {
  const result = helmInstallDryRun(values);
  if (result.status !== 0) throw new Error(result.stderr);
  return notesOf(result.stdout);
};
const db = { host: DB_HOST };
const egressOf = (docs: Manifest[], name = FULLNAME): EgressRule[] => find(docs, "NetworkPolicy", name)!.spec.egress;
const dnsRule = (rules: EgressRule[]) => rules.find((r) => r.ports.some((p) => p.port === 53))!;
const databaseRule = (rules: EgressRule[], port = 5432) => rules.find((r) => r.ports.some((p) => p.port === port));

describeWithTool("helm", HELM !== undefined, "chart hardening", () => {
  describe("NetworkPolicy egress: DNS only to the cluster DNS, the database port only to the database", () => {
    test("DNS goes to the kube-dns pods in kube-system, never to any address", () => {
      const rule = dnsRule(egressOf(render({ database: db })));
      expect(rule.to).toEqual([
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
          podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
        },
      ]);
    });

    test("the DNS namespace, labels and extra addresses (NodeLocal DNSCache) are values", () => {
      const rule = dnsRule(
        egressOf(
          render({
            database: db,
            networkPolicy: { dnsNamespace: "dns", dnsPodLabels: { app: "coredns" }, dnsCidrs: ["169.254.20.10/32"] },
          }),
        ),
      );
      expect(rule.to).toEqual([
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "dns" } },
          podSelector: { matchLabels: { app: "coredns", "k8s-app": "kube-dns" } },
        },
        { ipBlock: { cidr: "169.254.20.10/32" } },
      ]);
    });

    test("an IP address as database.host: the database port only to that address", () => {
      expect(databaseRule(egressOf(render({ database: { host: "10.20.30.40" } })))!.to).toEqual([
        { ipBlock: { cidr: "10.20.30.40/32" } },
      ]);
    });

    test("networkPolicy.databaseCidrs: the database port only to those (plus the host's own address)", () => {
      const rules = egressOf(
        render({
          database: { host: "10.20.30.40", port: 6543 },
          networkPolicy: { databaseCidrs: ["10.0.0.0/16", "192.168.1.0/24"] },
        }),
      );
      expect(databaseRule(rules, 6543)!.to).toEqual([
        { ipBlock: { cidr: "10.0.0.0/16" } },
        { ipBlock: { cidr: "192.168.1.0/24" } },
        { ipBlock: { cidr: "10.20.30.40/32" } },
      ]);
    });

    test("a DNS name without databaseCidrs cannot be narrowed: any address on the database port, and NOTES says so", () => {
      expect(databaseRule(egressOf(render({ database: db })))!.to).toBeUndefined();
      expect(notes({ database: db })).toMatch(
        /WARNING: the NetworkPolicy lets Mathesar's pods reach port 5432 on ANY address/,
      );
      expect(notes({ database: { host: "10.20.30.40" } })).not.toMatch(/on ANY address/);
      expect(notes({ database: db, networkPolicy: { databaseCidrs: ["10.0.0.0/16"] } })).not.toMatch(/on ANY address/);
    });

    test("the in-cluster database: the database port only to its pods", () => {
      expect(databaseRule(egressOf(render({ postgresql: { enabled: true } })))!.to).toEqual([
        {
          podSelector: {
            matchLabels: {
              "app.kubernetes.io/name": "mathesar",
              "app.kubernetes.io/instance": "demo",
              "app.kubernetes.io/component": "postgresql",
            },
          },
        },
      ]);
    });

    test("in every matrix entry, each egress rule names its ports and DNS names its peers", () => {
      for (const entry of MATRIX.filter(
        (e) => (e.values.networkPolicy as { enabled?: boolean } | undefined)?.enabled !== false,
      )) {
        const rules = egressOf(render(entry.values));
        expect({ entry: entry.name, portless: rules.filter((r) => !r.ports || r.ports.length === 0).length }).toEqual({
          entry: entry.name,
          portless: 0,
        });
        expect({ entry: entry.name, dnsPeers: dnsRule(rules).to?.length ?? 0 }).toEqual({
          entry: entry.name,
          dnsPeers: expect.any(Number),
        });
        expect(dnsRule(rules).to?.length).toBeGreaterThan(0);
      }
    });
  });

  describe("the bootstrap Job is covered by a NetworkPolicy from the first install on", () => {
    const hookOf = (doc: Manifest) => ({
      events: (doc.metadata.annotations?.["helm.sh/hook"] ?? "").split(","),
      weight: Number(doc.metadata.annotations?.["helm.sh/hook-weight"] ?? "0"),
      deletePolicy: (doc.metadata.annotations?.["helm.sh/hook-delete-policy"] ?? "").split(","),
    });

    test("a pre-install hook NetworkPolicy of a lower weight than the Job selects the Job's pods with the same egress", () => {
      const docs = render({ database: { host: "10.20.30.40" } });
      const job = find(docs, "Job", `${FULLNAME}-bootstrap`)!;
      const policy = find(docs, "NetworkPolicy", `${FULLNAME}-bootstrap`)!;
      expect(policy).toBeDefined();
      expect(hookOf(policy).events).toEqual(expect.arrayContaining(["pre-install", "pre-upgrade"]));
      expect(hookOf(job).events).toEqual(expect.arrayContaining(["pre-install", "pre-upgrade"]));
      expect(hookOf(policy).weight).toBeLessThan(hookOf(job).weight);
      // Kept until the hooks succeeded (Helm deletes hook-succeeded resources after the whole phase).
      expect(hookOf(policy).deletePolicy).toEqual(expect.arrayContaining(["before-hook-creation", "hook-succeeded"]));
      const podLabels = job.spec.template.metadata.labels as Record<string, string>;
      for (const [key, value] of Object.entries(policy.spec.podSelector.matchLabels as Record<string, string>))
        expect(podLabels[key]).toBe(value);
      expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
      expect(policy.spec.ingress).toEqual([]);
      expect(policy.spec.egress).toEqual(egressOf(docs));
      validateManifest(policy);
    });

    test("no hook policy without the Job (in-cluster database) or without NetworkPolicy", () => {
      expect(find(render({ postgresql: { enabled: true } }), "NetworkPolicy", `${FULLNAME}-bootstrap`)).toBeUndefined();
      expect(
        render({ database: db, networkPolicy: { enabled: false } }).filter((d) => d.kind === "NetworkPolicy"),
      ).toEqual([]);
    });
  });

  describe("liveness is not starved by long requests", () => {
    test.each([30, 120, 300, 900])(
      "requestTimeoutSeconds %i: the liveness failure window outlasts a request that uses the whole timeout",
      (timeout) => {
        const deployment = find(render({ database: db, requestTimeoutSeconds: timeout }), "Deployment", FULLNAME)!;
        const container = deployment.spec.template.spec.containers.find((c: { name: string }) => c.name === "mathesar");
        const probe = container.livenessProbe;
        expect(probe.httpGet.path).toBe(LIVENESS_PATH);
        // gunicorn's master kills a worker stuck past --timeout, so a worker answers within `timeout`; one more
        // period of margin covers the probe that was in flight.
        expect(probe.periodSeconds * probe.failureThreshold).toBeGreaterThanOrEqual(
          timeout + probe.periodSeconds + probe.timeoutSeconds,
        );
        const args = container.env.find((e: { name: string }) => e.name === "GUNICORN_CMD_ARGS").value;
        expect(args).toContain(`--timeout ${timeout}`);
      },
    );
  });

  describe("extraEnv cannot override a variable the chart sets", () => {
    const mathesarContainers = (docs: Manifest[]) =>
      docs
        .filter((d) => d.kind === "Deployment" || d.kind === "Job")
        .flatMap((d) => [...(d.spec.template.spec.initContainers ?? []), ...d.spec.template.spec.containers]) as Array<{
        env?: Array<{ name: string }>;
      }>;
    const set = new Set<string>();
    for (const entry of MATRIX)
      for (const c of mathesarContainers(render(entry.values))) for (const e of c.env ?? []) set.add(e.name);
    const contract = buildMathesarEnvironment({
      database: { host: "h", port: 5432, name: "n", user: "u", password: "p", sslMode: "require" },
      secretKey: "s",
      allowedHosts: "a",
      webConcurrency: 2,
      ssoConfig: "x",
    });
    for (const name of [...Object.keys(contract.plain), ...Object.keys(contract.secrets), ...SECRET_ENV_NAMES])
      set.add(name);
    const names = [...set].sort();

    test("the list covers at least the contract's variables and the bootstrap's", () => {
      expect(names).toEqual(
        expect.arrayContaining([
          "ALLOWED_HOSTS",
          "DEBUG",
          "POSTGRES_HOST",
          "SECRET_KEY",
          "DJANGO_SUPERUSER_PASSWORD",
          "MATHESAR_DB_ADMIN_PASSWORD",
          "PYTHONPATH",
        ]),
      );
    });

    test.each(names.map((n) => [n]))("%s is refused in extraEnv, with the schema and without", (name) => {
      const values = { database: db, extraEnv: [{ name, valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] };
      for (const args of [[], ["--skip-schema-validation"]]) {
        const result = helmTemplate(values, args);
        expect({ args, refused: result.status !== 0, names: result.stderr.includes("extraEnv") }).toEqual({
          args,
          refused: true,
          names: true,
        });
      }
    });

    test("the schema and the templates refuse the same names", () => {
      const schema = JSON.parse(fs.readFileSync(path.join(CHART_DIR, "values.schema.json"), "utf8"));
      const template = fs.readFileSync(path.join(CHART_DIR, "templates", "_validate.tpl"), "utf8");
      const listed = JSON.parse(/define "mathesar.ownedEnvNames" -}}\s*(\[[^\]]*\])/.exec(template)![1]);
      const pattern = /define "mathesar.ownedEnvPattern" -}}(.*)\n/.exec(template)![1];
      const secretPattern = /define "mathesar.secretEnvPattern" -}}(.*)\n/.exec(template)![1];
      const [owned, secret] = schema.properties.extraEnv.items.allOf;
      expect(owned.anyOf[0].properties.name.not.anyOf).toEqual([{ enum: listed }, { pattern }]);
      expect(secret.anyOf[0].properties.name.not.pattern).toBe(secretPattern);
    });

    test("ordinary variables stay allowed, secrets from a Secret too", () => {
      const values = {
        database: db,
        extraEnv: [
          { name: "MEDIA_ROOT", value: "/code/.media" },
          { name: "FILE_STORAGE_DICT", valueFrom: { secretKeyRef: { name: "s3", key: "dict" } } },
          { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "s3", key: "secret" } } },
          { name: "TZ", valueFrom: { configMapKeyRef: { name: "c", key: "tz" } } },
        ],
      };
      for (const args of [[], ["--skip-schema-validation"]])
        expect(helmTemplate(values, args)).toMatchObject({ status: 0, stderr: "" });
    });
  });

  describe("SECRET_KEY is never regenerated silently", () => {
    test("the upgrade guard cannot fire offline: helm template --is-upgrade renders (against an API server: secret-key-upgrade.test.ts)", () => {
      expect(helmTemplate({ database: db }, ["--is-upgrade"])).toMatchObject({ status: 0 });
    });

    test("with secretKey.existingSecret an upgrade renders (the chart never touches that Secret)", () => {
      expect(helmTemplate({ database: db, secretKey: { existingSecret: "mine" } }, ["--is-upgrade"])).toMatchObject({
        status: 0,
      });
    });

    test("the generated SECRET_KEY Secret outlives helm uninstall", () => {
      const secret = find(render({ database: db }), "Secret", `${FULLNAME}-secret-key`)!;
      expect(secret.metadata.annotations).toMatchObject({
        "helm.sh/resource-policy": "keep",
        "helm.sh/hook": "pre-install,pre-upgrade",
      });
      expect(secret.metadata.annotations!["helm.sh/hook-delete-policy"]).not.toMatch(/hook-succeeded|hook-failed/);
    });
  });

  describe("NOTES warn about what weakens the installation", () => {
    test.each(["disable", "prefer"])("sslMode %s with an external database", (sslMode) => {
      expect(notes({ database: { ...db, sslMode } })).toMatch(new RegExp(`WARNING: database\\.sslMode is ${sslMode}`));
    });

    test("no TLS warning for require, nor for the in-cluster database (its traffic stays in the namespace)", () => {
      expect(notes({ database: db })).not.toMatch(/database\.sslMode is/);
      expect(notes({ postgresql: { enabled: true } })).not.toMatch(/database\.sslMode is/);
    });

    test.each(["LoadBalancer", "NodePort"])("service.type %s", (type) => {
      const text = notes({ database: db, service: { type } });
      expect(text).toMatch(new RegExp(`WARNING: service\\.type is ${type}`));
      expect(text).toMatch(/plain HTTP/);
    });

    test("no Service warning for ClusterIP", () => {
      expect(notes({ database: db })).not.toMatch(/service\.type is/);
    });
  });

  describe("helm test", () => {
    const testPod = (values: object) =>
      render(values).find((d) => d.kind === "Pod" && d.metadata.annotations?.["helm.sh/hook"] === "test");

    test("a test Pod asks the Service for the favicon and the login page, locked down like the web pods", () => {
      const docs = render({ database: db, ingress: { host: PUBLIC_HOST } });
      const pod = testPod({ database: db, ingress: { host: PUBLIC_HOST } })!;
      expect(pod).toBeDefined();
      validateManifest(pod);
      const container = pod.spec.containers[0];
      const script = [...(container.command ?? []), ...(container.args ?? [])].join(" ");
      expect(script).toContain(`http://${FULLNAME}:80`);
      expect(script).toContain(LIVENESS_PATH);
      expect(script).toContain(READINESS_PATH);
      expect(pod.spec.restartPolicy).toBe("Never");
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
      });
      expect(container.resources.limits.memory).toBeDefined();
      // The NetworkPolicy admits the test pod to port 8000.
      const ingress = find(docs, "NetworkPolicy", FULLNAME)!.spec.ingress[0];
      expect(ingress.ports).toEqual([{ port: MATHESAR_PORT, protocol: "TCP" }]);
      const admitted = ingress.from.some(
        (peer: { podSelector?: { matchLabels: Record<string, string> } }) =>
          peer.podSelector &&
          Object.entries(peer.podSelector.matchLabels).every(([k, v]) => pod.metadata.labels?.[k] === v),
      );
      expect(admitted).toBe(true);
    });
  });

  describe("chart-testing and Artifact Hub", () => {
    const ciDir = path.join(CHART_DIR, "ci");
    const ciFiles = fs.existsSync(ciDir) ? fs.readdirSync(ciDir).filter((f) => f.endsWith("-values.yaml")) : [];

    test("ci/*-values.yaml exist (chart-testing installs each), covering the external and the in-cluster database", () => {
      expect(ciFiles.length).toBeGreaterThanOrEqual(3);
      const all = ciFiles.map((f) => parse(fs.readFileSync(path.join(ciDir, f), "utf8")));
      expect(all.some((v) => v?.postgresql?.enabled === true)).toBe(true);
      expect(all.some((v) => v?.database?.host)).toBe(true);
    });

    test.each(ciFiles.map((f) => [f]))("ci/%s lints --strict and renders valid objects", (file) => {
      const lint = helmLintFile(path.join(ciDir, file));
      expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({
        status: 0,
        output: expect.stringContaining("0 chart(s) failed"),
      });
      const rendered = helmTemplateFile(path.join(ciDir, file));
      expect(rendered.stderr).toBe("");
      for (const doc of parseManifests(rendered.stdout)) validateManifest(doc);
    });

    test("Chart.yaml names maintainers and the MIT license; the chart ships the license text", () => {
      const chart = parse(fs.readFileSync(path.join(CHART_DIR, "Chart.yaml"), "utf8"));
      expect(chart.maintainers?.length).toBeGreaterThan(0);
      for (const m of chart.maintainers) expect(m.name).toMatch(/\w/);
      expect(chart.annotations["artifacthub.io/license"]).toBe("MIT");
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
      expect(pkg.license).toBe("MIT");
      const license = fs.readFileSync(path.join(CHART_DIR, "LICENSE"), "utf8");
      expect(license).toMatch(/^MIT License/);
      expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    });
  });
});
