/**
 * The cdktf app. `npm run synth` synthesizes every deployable stack into cdktf.out/ (embedded defaults, no
 * credentials needed) and regenerates the published modules in dist/ and the one-click app spec in .do/. `cdktf deploy <stack>` runs this
 * file too; it then skips dist/.
 */
import * as path from "path";
import { App } from "cdktf";
import { DigitalOceanStack, digitalOceanPropsFromEnv } from "./stacks/digitalocean/deploy-stack";
import { writeDeployTemplate } from "./stacks/digitalocean/deploy-template-file";
import { digitalOceanModuleBundle } from "./stacks/digitalocean/dist";
import { writeBundle } from "./stacks/dist/bundle";

const app = new App();
new DigitalOceanStack(app, "digitalocean", digitalOceanPropsFromEnv());
app.synth();

// The cdktf CLI sets CDKTF_OUTDIR when it runs the app; only `npm run synth` rewrites dist/.
if (!process.env.CDKTF_OUTDIR) {
  const distDir = path.join(__dirname, "dist");
  const written = [digitalOceanModuleBundle()].flatMap((bundle) => writeBundle(distDir, bundle));
  const template = writeDeployTemplate(__dirname);
  console.log(`Synthesized stacks into cdktf.out/, ${written.length} module files into dist/ and ${template}.`);
}
