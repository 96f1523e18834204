/**
 * A minimal Kubernetes API server for `helm template --dry-run=server`: discovery for the kinds the chart
 * renders, and GET of Secrets from an in-memory map (everything else is 404). It lets a test show what the
 * chart's `lookup` calls do against a cluster, without a cluster. Helm must run asynchronously (spawn, not
 * spawnSync) while it serves, or the event loop that answers is blocked.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";

/** Secrets served, by `<namespace>/<name>`, as `data` maps (values base64). */
export type FakeSecrets = Record<string, Record<string, string>>;

const GROUPS: Record<string, Array<{ name: string; kind: string }>> = {
  "apps/v1": [
    { name: "deployments", kind: "Deployment" },
    { name: "statefulsets", kind: "StatefulSet" },
  ],
  "batch/v1": [{ name: "jobs", kind: "Job" }],
  "networking.k8s.io/v1": [
    { name: "networkpolicies", kind: "NetworkPolicy" },
    { name: "ingresses", kind: "Ingress" },
  ],
  "policy/v1": [{ name: "poddisruptionbudgets", kind: "PodDisruptionBudget" }],
  "autoscaling/v2": [{ name: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler" }],
};
const CORE = [
  "secrets/Secret",
  "configmaps/ConfigMap",
  "services/Service",
  "serviceaccounts/ServiceAccount",
  "persistentvolumeclaims/PersistentVolumeClaim",
  "pods/Pod",
  "namespaces/Namespace",
];

function resourceList(groupVersion: string, resources: Array<{ name: string; kind: string }>) {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion,
    resources: resources.map((r) => ({
      name: r.name,
      singularName: "",
      namespaced: r.kind !== "Namespace",
      kind: r.kind,
      verbs: ["get", "list", "create", "update", "patch", "delete"],
    })),
  };
}

/** A running fake API server and a kubeconfig pointing at it. */
export interface FakeKubeApi {
  readonly kubeconfig: string;
  /** Paths of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the server on a free local port. */
export async function startFakeKubeApi(secrets: FakeSecrets): Promise<FakeKubeApi> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = (req.url ?? "").split("?")[0];
    requests.push(`${req.method} ${url}`);
    const send = (status: number, body: object) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url === "/version")
      return send(200, { major: "1", minor: "31", gitVersion: "v1.31.0", platform: "linux/amd64" });
    if (url === "/api") return send(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
    if (url === "/api/v1")
      return send(
        200,
        resourceList(
          "v1",
          CORE.map((c) => ({ name: c.split("/")[0], kind: c.split("/")[1] })),
        ),
      );
    if (url === "/apis") {
      const groups = Object.keys(GROUPS).map((gv) => {
        const [group, version] = gv.split("/");
        return {
          name: group,
          versions: [{ groupVersion: gv, version }],
          preferredVersion: { groupVersion: gv, version },
        };
      });
      return send(200, { kind: "APIGroupList", apiVersion: "v1", groups });
    }
    for (const [gv, resources] of Object.entries(GROUPS))
      if (url === `/apis/${gv}`) return send(200, resourceList(gv, resources));
    const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(url);
    if (req.method === "GET" && secret && secrets[`${secret[1]}/${secret[2]}`]) {
      return send(200, {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: secret[2], namespace: secret[1] },
        type: "Opaque",
        data: secrets[`${secret[1]}/${secret[2]}`],
      });
    }
    return send(404, {
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      reason: "NotFound",
      code: 404,
      message: `${url} not found`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-kubeapi-"));
  const kubeconfig = path.join(dir, "config");
  fs.writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "fake", cluster: { server: `http://127.0.0.1:${port}` } }],
      users: [{ name: "fake", user: { token: "fake" } }],
      contexts: [{ name: "fake", context: { cluster: "fake", user: "fake" } }],
      "current-context": "fake",
    }),
  );
  return {
    kubeconfig,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}

/** Runs a command without blocking the event loop (the fake server must keep answering). */
export function runAsync(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}
