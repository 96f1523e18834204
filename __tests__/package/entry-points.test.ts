/**
 * The package's entry points: every subpath in `exports` is a target's barrel, and each barrel loads only the
 * provider bindings its README row promises, so a user of one cloud needs one provider installed. The import
 * graph is walked from the sources (fast); the pack-install test proves the same for AWS on a real install.
 */
import { existsSync, readFileSync } from "fs";
import { dirname, join, resolve } from "path";

const root = resolve(__dirname, "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>;
  typesVersions: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  repository?: { url?: string };
};

/** The providers each entry point may load, and no more (README, "Using the npm library"). */
const EXPECTED_PROVIDERS: Record<string, string[]> = {
  aws: ["@cdktf/provider-aws"],
  google: ["@cdktf/provider-google", "@cdktf/provider-random"],
  digitalocean: ["@cdktf/provider-digitalocean", "@cdktf/provider-random"],
  kubernetes: ["@cdktf/provider-helm", "@cdktf/provider-kubernetes"],
  docker: ["@cdktf/provider-docker", "@cdktf/provider-random"],
  mathesar: [],
  terraform: [],
  policies: [],
};

const PROVIDERS = [
  "@cdktf/provider-aws",
  "@cdktf/provider-digitalocean",
  "@cdktf/provider-docker",
  "@cdktf/provider-google",
  "@cdktf/provider-helm",
  "@cdktf/provider-kubernetes",
  "@cdktf/provider-random",
];

/** Resolves a relative specifier the way tsc does for our sources (file.ts or folder/index.ts). */
function resolveSource(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) if (existsSync(candidate)) return candidate;
  throw new Error(`cannot resolve ${specifier} from ${fromFile}`);
}

/** Every package (not relative file) loaded at run time, transitively, from one source file. */
function runtimePackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    // `import type` and `export type` vanish at compile time: they load nothing.
    const statements = source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms);
    for (const [, , typeOnly, specifier] of statements) {
      if (typeOnly) continue;
      if (specifier.startsWith(".")) pending.push(resolveSource(file, specifier));
      else
        packages.add(
          specifier
            .split("/")
            .slice(0, specifier.startsWith("@") ? 2 : 1)
            .join("/"),
        );
    }
    for (const [, specifier] of source.matchAll(/require\("([^"]+)"\)/g)) {
      if (specifier.startsWith(".")) pending.push(resolveSource(file, specifier));
      else
        packages.add(
          specifier
            .split("/")
            .slice(0, specifier.startsWith("@") ? 2 : 1)
            .join("/"),
        );
    }
  }
  return packages;
}

describe("package entry points", () => {
  test("every subpath but the root is a target barrel, with types first and a typesVersions twin", () => {
    const subpaths = Object.keys(pkg.exports).filter((key) => key !== "." && key !== "./package.json");
    expect(subpaths.map((key) => key.slice(2)).sort()).toEqual(Object.keys(EXPECTED_PROVIDERS).sort());
    for (const key of [".", ...subpaths]) {
      const target = pkg.exports[key] as { types: string; default: string };
      // Node picks the first matching condition; "types" must come before "default" for TypeScript.
      expect(Object.keys(target)).toEqual(["types", "default"]);
      const name = key === "." ? "" : `${key.slice(2)}/`;
      expect(target).toEqual({
        types: `./build/modules/${name}index.d.ts`,
        default: `./build/modules/${name}index.js`,
      });
      expect(existsSync(join(root, "modules", name, "index.ts"))).toBe(true);
      if (key !== ".") expect(pkg.typesVersions["*"][key.slice(2)]).toEqual([`build/modules/${name}index.d.ts`]);
    }
  });

  test.each(Object.entries(EXPECTED_PROVIDERS))(
    "the %s entry point loads only its own providers",
    (target, expected) => {
      const loaded = [...runtimePackages(join(root, "modules", target, "index.ts"))].filter((name) =>
        name.startsWith("@cdktf/provider-"),
      );
      expect(loaded.sort()).toEqual(expected);
    },
  );

  test("the root loads every provider (why one-cloud users import a subpath)", () => {
    const loaded = [...runtimePackages(join(root, "modules", "index.ts"))].filter((name) =>
      name.startsWith("@cdktf/provider-"),
    );
    expect(loaded.sort()).toEqual(PROVIDERS);
  });

  test("the root exports every target, Google included", () => {
    const barrel = readFileSync(join(root, "modules", "index.ts"), "utf8");
    for (const target of Object.keys(EXPECTED_PROVIDERS)) expect(barrel).toContain(`export * from "./${target}";`);
  });

  test("providers are optional peers pinned exactly as the dev install, never dependencies", () => {
    expect(Object.keys(pkg.dependencies ?? {}).filter((name) => name.startsWith("@cdktf/provider-"))).toEqual([]);
    for (const provider of PROVIDERS) {
      expect(pkg.peerDependencies[provider]).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pkg.devDependencies[provider]).toBe(pkg.peerDependencies[provider]);
      expect(pkg.peerDependenciesMeta[provider]).toEqual({ optional: true });
    }
    // cdktf and constructs are required peers: every target needs them.
    expect(pkg.peerDependenciesMeta.cdktf).toBeUndefined();
    expect(pkg.peerDependenciesMeta.constructs).toBeUndefined();
  });

  test("packing builds first, and the package says where it comes from", () => {
    expect(pkg.scripts.prepack).toBe("npm run build");
    expect(pkg.scripts.build).toBe("tsc -p tsconfig.build.json");
    expect(pkg.repository?.url).toMatch(/^https:\/\/github\.com\/mathesar-foundation\//);
  });

  test("the import walker sees through relative imports and ignores type-only ones (hostile inputs)", () => {
    // A barrel whose own file imports nothing but re-exports a target: the provider must still be found.
    expect(runtimePackages(join(root, "modules", "index.ts")).has("@cdktf/provider-google")).toBe(true);
    expect(() => resolveSource(join(root, "modules", "index.ts"), "./no-such-module")).toThrow(/cannot resolve/);
  });
});
