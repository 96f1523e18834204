/**
 * What keeps the lists beside the renderer from going stale: a comment for a block the module does not have, a
 * published script that is no longer in the module, and a folder that is not a module of the bundle all stop
 * the render with a message naming them.
 */
import { bundleModules } from "../../stacks/dist/bundle";
import { extractModuleFiles } from "../../stacks/dist/hcl/module-files";
import { generatedHeader, moduleHclFiles } from "../../stacks/dist/hcl/module-hcl";
import { SchemaCatalog } from "../../stacks/dist/hcl/schema";
import { dockerModuleBundle } from "../../stacks/docker/dist";

const CONFIG = { locals: { greeting: "hello" }, output: { greeting: { value: "${local.greeting}" } } };

test("a comment for a block the module does not have fails the render", async () => {
  const options = { schemas: new SchemaCatalog(), header: generatedHeader("https://example.test") };
  await expect(moduleHclFiles(CONFIG, { ...options, comments: { "locals.greeting": "why" } })).resolves.toBeDefined();
  await expect(moduleHclFiles(CONFIG, { ...options, comments: { "resource.x.y": "stale" } })).rejects.toThrow(
    "comments for blocks the module does not have: resource.x.y",
  );
});

test("a published script whose text is not in the module fails the extraction", () => {
  expect(() => extractModuleFiles(CONFIG, { embedded: [{ path: "files/gone.sh", content: "echo gone\n" }] })).toThrow(
    "files/gone.sh: its text is not in the module's configuration",
  );
});

test.each(["moduleFiles", "comments"] as const)(
  "%s naming a folder that is not a module of the bundle fails",
  (field) => {
    const bundle = { ...dockerModuleBundle(), [field]: { "modules/nope": {} } };
    expect(() => bundleModules(bundle)).toThrow(
      `terraform-docker-mathesar: ${field} names "modules/nope", not a module of it`,
    );
  },
);
