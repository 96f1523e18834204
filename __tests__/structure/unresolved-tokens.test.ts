/**
 * cdktf writes "<unresolved-token>" (or a raw "${TfToken[...]}") when a token object ends up inside a
 * JSON.stringify'd value: Terraform would accept it as a literal string and the deployment would carry it.
 */
import { renderBundle } from "../../stacks/dist/bundle";
import { allModuleBundles, synthAws, synthDigitalOcean } from "../support/synth";

const LEAKS = /<unresolved-token>|TfToken\[/;

test.each(Object.entries(allModuleBundles()))("%s has no unresolved cdktf token in any file", async (_name, bundle) => {
  const leaking = Object.entries(await renderBundle(bundle()))
    .filter(([, content]) => LEAKS.test(content))
    .map(([file]) => file);
  expect(leaking).toEqual([]);
});

test.each([
  ["DigitalOcean", () => synthDigitalOcean()],
  ["AWS", () => synthAws()],
  ["AWS, internal", () => synthAws({ internal: true })],
])("the %s deployable stack has no unresolved cdktf token", (_name, synth) => {
  expect(JSON.stringify(synth())).not.toMatch(LEAKS);
});
