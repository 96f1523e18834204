/**
 * The stand-in provider: a gRPC server speaking Terraform's provider protocol 6 on a Unix socket, serving a
 * derived schema. Plan only: ApplyResourceChange and ImportResourceState answer with an error; nothing is
 * read from or written to any network; no provider configuration is kept between calls.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { BlockSchema, ProviderSchema, TypeSchema } from "./schema-types";
import { defaultCacheDir } from "./cache";
import { checkRules } from "./rules";
import { decodeValue, encodeValue, EPHEMERAL_STANDIN_STRING, planValue, readValue, Value } from "./values";
import { DATA_SOURCE_OVERRIDES } from "./overrides";

// From src/ (ts-node) or build/<hash>/ (bin/tf-standin.js): the proto sits beside both parents.
const PROTO = [
  path.join(__dirname, "..", "proto", "provider.proto"),
  path.join(__dirname, "..", "..", "proto", "provider.proto"),
].find((p) => fs.existsSync(p))!;
const NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;

interface Diagnostic {
  severity: number;
  summary: string;
  detail: string;
}
const error = (summary: string, detail = ""): Diagnostic => ({ severity: 1, summary, detail });

function blockToProto(block: BlockSchema): unknown {
  return {
    attributes: Object.entries(block.attributes ?? {}).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      required: !!a.required,
      optional: !!a.optional,
      computed: !!a.computed,
      sensitive: !!a.sensitive,
      write_only: !!a.write_only,
    })),
    block_types: Object.entries(block.block_types ?? {}).map(([name, b]) => ({
      type_name: name,
      block: blockToProto(b.block),
      nesting: NESTING[b.nesting_mode],
      min_items: b.min_items ?? 0,
      max_items: b.max_items ?? 0,
    })),
  };
}

const schemaToProto = (s: TypeSchema) => ({ version: s.version, block: blockToProto(s.block) });
const mapOf = (schemas: Record<string, TypeSchema>) =>
  Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, schemaToProto(v)]));

type Call = grpc.ServerUnaryCall<Record<string, any>, unknown>;
type Callback = grpc.sendUnaryData<unknown>;

export interface StandinServer {
  readonly socket: string;
  stop(): Promise<void>;
}

/** Starts one provider's server on `socket`. */
export async function serveProvider(
  schema: ProviderSchema,
  socket: string,
  cacheDir = defaultCacheDir(),
): Promise<StandinServer> {
  const definition = protoLoader.loadSync(PROTO, {
    keepCase: true,
    longs: Number,
    enums: Number,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    tfplugin6: { Provider: grpc.ServiceClientConstructor };
  };
  const service = { ...pkg.tfplugin6.Provider.service };

  // The schema response is serialized once (the Google one is large) and sent as bytes on every call;
  // the bytes are cached beside the derived schema, under the same key.
  const getSchema = service.GetProviderSchema;
  // Keyed by the schema's origin and by the types served (--only-types, --ephemeral-from change them).
  const served = [
    Object.keys(schema.resource_schemas),
    Object.keys(schema.data_source_schemas),
    schema.ephemeral_resource_schemas,
  ];
  const variant = crypto.createHash("sha256").update(JSON.stringify(served)).digest("hex").slice(0, 8);
  const bytesFile = path.join(cacheDir, `${schema.origin.key}-${variant}.response.pb`);
  const schemaBytes: Buffer = fs.existsSync(bytesFile) ? fs.readFileSync(bytesFile) : serializeSchema();
  function serializeSchema(): Buffer {
    const bytes = getSchema.responseSerialize({
      provider: schemaToProto(schema.provider),
      resource_schemas: mapOf(schema.resource_schemas),
      data_source_schemas: mapOf(schema.data_source_schemas),
      ephemeral_resource_schemas: mapOf(schema.ephemeral_resource_schemas),
      diagnostics: [],
      server_capabilities: { plan_destroy: true, get_provider_schema_optional: false },
    });
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${bytesFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, bytesFile);
    return bytes;
  }
  service.GetProviderSchema = {
    ...getSchema,
    responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : getSchema.responseSerialize(value)),
  };

  const lookup = (kind: "resource" | "data" | "ephemeral", type: string): TypeSchema | undefined =>
    (kind === "resource"
      ? schema.resource_schemas
      : kind === "data"
        ? schema.data_source_schemas
        : schema.ephemeral_resource_schemas)[type];
  const config = (call: Call, field = "config"): Value => decodeValue(call.request[field]?.msgpack);
  const unsupported = (kind: string, type: string) =>
    error(`Unsupported ${kind} type`, `The stand-in for ${schema.origin.provider} has no ${kind} type "${type}".`);
  const validate = (kind: "resource" | "data" | "ephemeral") => (call: Call, cb: Callback) => {
    const type = call.request.type_name as string;
    const s = lookup(kind, type);
    if (!s) return cb(null, { diagnostics: [unsupported(kind, type)] });
    const rules = schema.rules[kind === "data" ? `data.${type}` : type] ?? [];
    cb(null, { diagnostics: checkRules(rules, config(call)).map((d) => error(d.summary, d.detail)) });
  };

  const handlers: grpc.UntypedServiceImplementation = {
    GetMetadata: (_call: Call, cb: Callback) =>
      cb(null, {
        server_capabilities: { plan_destroy: true, get_provider_schema_optional: false },
        diagnostics: [],
        resources: Object.keys(schema.resource_schemas).map((type_name) => ({ type_name })),
        data_sources: Object.keys(schema.data_source_schemas).map((type_name) => ({ type_name })),
        ephemeral_resources: Object.keys(schema.ephemeral_resource_schemas).map((type_name) => ({ type_name })),
      }),
    GetProviderSchema: (_call: Call, cb: Callback) => cb(null, schemaBytes),
    ValidateProviderConfig: (_call: Call, cb: Callback) => cb(null, { diagnostics: [] }),
    ValidateResourceConfig: validate("resource"),
    ValidateDataResourceConfig: validate("data"),
    ValidateEphemeralResourceConfig: validate("ephemeral"),
    ConfigureProvider: (_call: Call, cb: Callback) => cb(null, { diagnostics: [] }),
    UpgradeResourceState: (call: Call, cb: Callback) => {
      // Only reached with a prior state, which a plan-only tool never writes: the JSON is passed through.
      const raw = call.request.raw_state?.json as Buffer | undefined;
      const state = raw && raw.length ? (JSON.parse(raw.toString("utf8")) as Value) : null;
      cb(null, { upgraded_state: { msgpack: Buffer.from(encodeValue(state)) }, diagnostics: [] });
    },
    ReadResource: (call: Call, cb: Callback) =>
      cb(null, { new_state: call.request.current_state, diagnostics: [], private: call.request.private }),
    PlanResourceChange: (call: Call, cb: Callback) => {
      const s = lookup("resource", call.request.type_name);
      if (!s) return cb(null, { diagnostics: [unsupported("resource", call.request.type_name)] });
      const proposed = config(call, "proposed_new_state");
      // A destroy is planned as null; anything else is the proposal with null computed attributes unknown.
      const planned = proposed === null ? null : planValue(s.block, proposed);
      cb(null, {
        planned_state: { msgpack: Buffer.from(encodeValue(planned)) },
        requires_replace: [],
        planned_private: Buffer.alloc(0),
        diagnostics: [],
      });
    },
    ApplyResourceChange: (_call: Call, cb: Callback) =>
      cb(null, { diagnostics: [error("The stand-in provider only plans", "Apply with the real provider.")] }),
    ImportResourceState: (_call: Call, cb: Callback) =>
      cb(null, { diagnostics: [error("The stand-in provider only plans", "Import with the real provider.")] }),
    ReadDataSource: (call: Call, cb: Callback) => {
      const type = call.request.type_name as string;
      const s = lookup("data", type);
      if (!s) return cb(null, { diagnostics: [unsupported("data", type)] });
      const cfg = config(call);
      const override = DATA_SOURCE_OVERRIDES[`${schema.origin.provider}/${type}`] as
        ((c: Record<string, Value>) => Record<string, Value>) | undefined;
      const state = readValue(
        s.block,
        cfg,
        override && cfg && typeof cfg === "object" ? override(cfg as Record<string, Value>) : undefined,
      );
      cb(null, { state: { msgpack: Buffer.from(encodeValue(state)) }, diagnostics: [] });
    },
    OpenEphemeralResource: (call: Call, cb: Callback) => {
      const type = call.request.type_name as string;
      const s = lookup("ephemeral", type);
      if (!s) return cb(null, { diagnostics: [unsupported("ephemeral", type)] });
      const result = readValue(s.block, config(call), undefined, EPHEMERAL_STANDIN_STRING);
      cb(null, { result: { msgpack: Buffer.from(encodeValue(result)) }, diagnostics: [] });
    },
    CloseEphemeralResource: (_call: Call, cb: Callback) => cb(null, { diagnostics: [] }),
    StopProvider: (_call: Call, cb: Callback) => cb(null, { Error: "" }),
  };

  const server = new grpc.Server({
    "grpc.max_send_message_length": 256 << 20,
    "grpc.max_receive_message_length": 256 << 20,
  });
  server.addService(service, handlers);
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (err) =>
      err ? reject(err) : resolve(),
    ),
  );
  return {
    socket,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
