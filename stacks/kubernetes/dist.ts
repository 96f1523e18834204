/** The published module terraform-kubernetes-mathesar, with the chart shipped inside it. */
import { KUBERNETES_COMMENTS } from "../module-comments";
import * as fs from "fs";
import * as path from "path";
import { moduleApp, type ModuleBundle } from "../dist/bundle";
import { K8S_EXAMPLES } from "./examples";
import { K8sRootModule } from "./module";
import { kubernetesSettingsTable } from "../../modules/kubernetes/settings";

/** charts/mathesar in this repository, found upwards from this file (it may run compiled, from build/). */
export const CHART_DIR = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const chart = path.join(dir, "charts", "mathesar");
    if (fs.existsSync(path.join(chart, "Chart.yaml"))) return chart;
  }
  throw new Error(`charts/mathesar not found above ${__dirname}`);
})();

/** Every file of the chart, by path relative to the chart (sorted, text). */
export function chartFiles(dir = CHART_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of fs
      .readdirSync(path.join(dir, relative), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(dir, child), "utf8");
    }
  };
  walk("");
  return files;
}

const USAGE = `
The chart itself is in [chart/](chart/) (the same as charts/mathesar in the repository): use it with
\`helm install\` directly if you prefer. docs/kubernetes.md explains values, upgrades and backups.

## Variables and their TypeScript props

The module and the \`MathesarOnKubernetes\` construct read the same settings (modules/kubernetes/settings.ts):

`;

/** Builds the bundle. */
export function kubernetesModuleBundle(): ModuleBundle {
  const app = moduleApp();
  return {
    directory: "terraform-kubernetes-mathesar",
    title: "terraform-kubernetes-mathesar",
    body: `${USAGE}${kubernetesSettingsTable()}\n`,
    root: new K8sRootModule(app, "k8s-root"),
    submodules: {},
    comments: KUBERNETES_COMMENTS,
    examples: K8S_EXAMPLES,
    extraFiles: Object.fromEntries(Object.entries(chartFiles()).map(([file, content]) => [`chart/${file}`, content])),
  };
}
