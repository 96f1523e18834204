/**
 * The cdktf app. `npm run synth` synthesizes every deployable stack into cdktf.out/ (embedded defaults, no
 * credentials needed) and regenerates the published modules in dist/ and the one-click app spec in .do/.
 * `cdktf deploy <stack>` runs this file too; it then skips dist/ and .do/.
 */
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { writeDeployTemplate } from "./stacks/digitalocean/deploy-template-file";
import { writeBundle } from "./stacks/dist/bundle";
import { writeChartFiles } from "./stacks/kubernetes-chart-files";
import { TARGETS } from "./stacks/targets";

const app = new App();
for (const target of TARGETS) target.addDeployableStack(app);
app.synth();

// The cdktf CLI sets CDKTF_OUTDIR when it runs the app; only `npm run synth` rewrites generated files.
if (!process.env.CDKTF_OUTDIR) {
  const distDir = path.join(__dirname, "dist");
  const written = TARGETS.flatMap((target) => writeBundle(distDir, target.moduleBundle()));
  const template = writeDeployTemplate(__dirname);
  const chartFiles = writeChartFiles(__dirname);
  const stacks = app.node.children.filter((child) => child instanceof TerraformStack).length;
  console.log(
    `Synthesized ${stacks} stack(s) of ${TARGETS.length} targets into cdktf.out/, ${written.length} module files into dist/, ${template} and ${chartFiles.length} chart file(s).`,
  );
}
