/**
 * The cdktf app. `npm run synth` synthesizes every deployable stack into cdktf.out/ (embedded defaults, no
 * credentials needed) and regenerates the published modules in dist/ and every other generated file (stacks/generated-files.ts).
 * `cdktf deploy <stack>` runs this file too; it then skips the generated files.
 */
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { writeBundle } from "./stacks/dist/bundle";
import { writeGeneratedFiles } from "./stacks/generated-files";
import { TARGETS } from "./stacks/targets";

const app = new App();
for (const target of TARGETS) target.addDeployableStack(app);
app.synth();

// The cdktf CLI sets CDKTF_OUTDIR when it runs the app; only `npm run synth` rewrites generated files.
async function writeGenerated(): Promise<void> {
  const distDir = path.join(__dirname, "dist");
  let written = 0;
  for (const target of TARGETS) written += (await writeBundle(distDir, target.moduleBundle())).length;
  const files = writeGeneratedFiles(__dirname);
  const stacks = app.node.children.filter((child) => child instanceof TerraformStack).length;
  console.log(
    `Synthesized ${stacks} stack(s) of ${TARGETS.length} targets into cdktf.out/, ${written} ` +
      `module files into dist/ and ${files.length} other generated file(s).`,
  );
}

if (!process.env.CDKTF_OUTDIR) {
  writeGenerated().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
