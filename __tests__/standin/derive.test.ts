/**
 * The stand-in's parts without Terraform: schema derivation from a binding, the cache key, wire values
 * (unknown = msgpack extension), planned values and the doc-derived rules.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ExtData, encode } from "@msgpack/msgpack";
import { cacheKey, loadSchema, packageDir } from "../../tools/tf-standin/src/cache";
import { deriveSchema } from "../../tools/tf-standin/src/derive";
import { checkRules, rulesFromDocs } from "../../tools/tf-standin/src/rules";
import { decodeValue, encodeValue, planValue, readValue, UNKNOWN } from "../../tools/tf-standin/src/values";

const ROOT = path.join(__dirname, "..", "..");

describe("tf-standin: schema derivation, values, rules", () => {
  const random = deriveSchema(packageDir("@cdktf/provider-random", ROOT), "hashicorp/random").schema;

  test("random_password: flags and types as the provider declares them", () => {
    const attrs = random.resource_schemas.random_password.block.attributes!;
    expect(attrs.length).toEqual({ type: "number", required: true });
    expect(attrs.result).toEqual({ type: "string", computed: true });
    expect(attrs.keepers).toEqual({ type: ["map", "string"], optional: true });
    expect(attrs.special).toEqual({ type: "bool", optional: true, computed: true });
  });

  test("the ephemeral random_password is the resource's schema without keepers and id", () => {
    const attrs = random.ephemeral_resource_schemas.random_password.block.attributes!;
    expect(attrs.keepers).toBeUndefined();
    expect(attrs.id).toBeUndefined();
    expect(attrs.result).toEqual({ type: "string", computed: true });
  });

  test("blocks: at most one item, required, set nesting; *_wo arguments are write-only", () => {
    const google = loadSchema({ source: "hashicorp/google", binding: "@cdktf/provider-google" }, ROOT);
    const instance = google.resource_schemas.google_sql_database_instance.block;
    expect(instance.block_types!.settings).toMatchObject({ nesting_mode: "list", max_items: 1 });
    expect(instance.block_types!.settings.block.attributes!.tier).toEqual({ type: "string", required: true });
    expect(google.resource_schemas.google_sql_user.block.attributes!.password_wo).toMatchObject({ write_only: true });
    expect(google.resource_schemas.google_compute_backend_service.block.block_types!.backend.nesting_mode).toBe("set");
    expect(google.resource_schemas.google_compute_backend_service.block.attributes!.health_checks.type).toEqual([
      "set",
      "string",
    ]);
    expect(google.origin).toMatchObject({ version: "16.12.1", providerVersion: "6.50.0" });
  });

  test("the cache key names the binding's version and changes with its assembly", () => {
    const dir = packageDir("@cdktf/provider-random", ROOT);
    const key = cacheKey("@cdktf/provider-random", dir);
    expect(key).toMatch(/^_cdktf_provider-random-12\.0\.1-[0-9a-f]{16}$/);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "standin-key-"));
    try {
      fs.copyFileSync(path.join(dir, "package.json"), path.join(copy, "package.json"));
      fs.writeFileSync(path.join(copy, ".jsii"), `{\n  "fingerprint": "another-assembly"\n}\n`);
      expect(cacheKey("@cdktf/provider-random", copy)).not.toBe(key);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test("values: every msgpack extension decodes as unknown; unknown encodes as extension 0", () => {
    expect(
      decodeValue(
        encode({ a: new ExtData(0, new Uint8Array([0])), b: new ExtData(12, new Uint8Array([1, 2])), c: "x" }),
      ),
    ).toEqual({ a: UNKNOWN, b: UNKNOWN, c: "x" });
    expect(Buffer.from(encodeValue(UNKNOWN)).toString("hex")).toBe("d40000");
  });

  test("plan: null computed attributes unknown, configured ones kept, write-only ones null", () => {
    const block = {
      attributes: {
        a: { type: "string" as const, computed: true },
        b: { type: "string" as const, optional: true, computed: true },
        w: { type: "string" as const, optional: true, write_only: true },
      },
    };
    expect(planValue(block, { a: null, b: "set", w: "secret" })).toEqual({ a: UNKNOWN, b: "set", w: null });
    expect(readValue(block, { a: null, b: null, w: null })).toEqual({ a: "c3RhbmQtaW4=", b: "c3RhbmQtaW4=", w: null });
  });

  test("rules: documented enums and lengths, checked on known values only", () => {
    const { rules } = rulesFromDocs('The protocol. Possible values: ["HTTP", "HTTPS"]\nMaximum length is 8', [
      "protocol",
    ]);
    expect(rules.map((r) => r.kind)).toEqual(["oneOf", "maxLength"]);
    expect(checkRules(rules, { protocol: "HTTP" })).toEqual([]);
    expect(checkRules(rules, { protocol: UNKNOWN })).toEqual([]);
    expect(checkRules(rules, { protocol: "FTP" })[0].detail).toBe(
      'expected protocol to be one of ["HTTP","HTTPS",""], got FTP',
    );
    expect(checkRules(rules, { protocol: "HTTPSHTTPS" }).map((d) => d.summary)).toEqual([
      "Invalid value",
      "Invalid value",
    ]);
  });
});
