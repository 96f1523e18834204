/**
 * Loads a provider's derived schema, deriving it once per binding version. The cache file is keyed by the
 * binding's package name and version and by the fingerprint of its jsii assembly (the hash jsii computes
 * over the whole assembly, read from the end of `.jsii` without parsing it) plus the version of this
 * tool's derivation: a different pinned binding, a re-published one or a change to the derivation rules
 * all give a new key, so a stale schema is never served.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deriveSchema } from "./derive";
import type { ProviderSchema } from "./schema-types";

/** Bump when the derivation's output changes. */
export const DERIVATION_VERSION = "4";

export interface ProviderBinding {
  /** Provider source address, e.g. hashicorp/google (registry.terraform.io is implied). */
  source: string;
  /** The binding package, e.g. @cdktf/provider-google. */
  binding: string;
}

/** Where a package is installed, resolved from `fromDir` the way Node does. */
export function packageDir(binding: string, fromDir: string): string {
  return path.dirname(require.resolve(`${binding}/package.json`, { paths: [fromDir] }));
}

function fingerprint(dir: string): string {
  const file = path.join(dir, ".jsii");
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    return /"fingerprint": "([^"]+)"/.exec(buffer.toString("utf8"))?.[1] ?? `size-${size}`;
  } finally {
    fs.closeSync(fd);
  }
}

export function defaultCacheDir(): string {
  return process.env.TF_STANDIN_CACHE ?? path.join(os.tmpdir(), "tf-standin-cache");
}

/** The cache key of a binding as installed in `dir`. */
export function cacheKey(binding: string, dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const hash = crypto
    .createHash("sha256")
    .update(`${fingerprint(dir)}|${DERIVATION_VERSION}`)
    .digest("hex")
    .slice(0, 16);
  return `${binding.replace(/[@/]/g, "_")}-${pkg.version}-${hash}`;
}

/** The derived schema of a binding, from the cache or derived now (and cached). */
export function loadSchema(provider: ProviderBinding, fromDir: string, cacheDir = defaultCacheDir()): ProviderSchema {
  const dir = packageDir(provider.binding, fromDir);
  const key = cacheKey(provider.binding, dir);
  const file = path.join(cacheDir, `${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as ProviderSchema;
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
    version: string;
    cdktf?: { provider?: { version?: string } };
  };
  const { schema } = deriveSchema(dir, provider.source);
  const full: ProviderSchema = {
    ...schema,
    origin: {
      package: provider.binding,
      version: pkg.version,
      provider: provider.source,
      providerVersion: pkg.cdktf?.provider?.version ?? "unknown",
      key,
    },
  };
  fs.mkdirSync(cacheDir, { recursive: true });
  // Written under a temporary name and renamed: concurrent servers never read half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(full));
  fs.renameSync(tmp, file);
  return full;
}
