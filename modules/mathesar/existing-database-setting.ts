/**
 * The `existing_database` object variable every target's root module takes, declared once: its Terraform
 * type (with the contract's defaults as `optional(...)` defaults) and the props its attributes bind to
 * (`ExistingDatabaseBaseProps`). A target adds the attributes only it has (a secret's id, a CA source).
 */
import type { SettingField } from "../terraform/wiring";
import { CONTRACT_DEFAULTS } from "./props";

/** An attribute a target adds to the object: its Terraform type expression and the prop it binds to. */
export interface ExistingDatabaseAttribute extends SettingField {
  /** The Terraform type of the attribute, e.g. `string` or `optional(string)`. */
  readonly type: string;
  /** The prop (a key of the target's existing-database props). */
  readonly prop: string;
}

const BASE: Record<string, ExistingDatabaseAttribute> = {
  host: { attribute: "host", type: "string", prop: "host" },
  port: {
    attribute: "port",
    type: `optional(number, ${CONTRACT_DEFAULTS.databasePort})`,
    prop: "port",
    kind: "number",
  },
  database_name: {
    attribute: "database_name",
    type: `optional(string, ${JSON.stringify(CONTRACT_DEFAULTS.databaseName)})`,
    prop: "databaseName",
  },
  user: {
    attribute: "user",
    type: `optional(string, ${JSON.stringify(CONTRACT_DEFAULTS.databaseUser)})`,
    prop: "user",
  },
  sslmode: {
    attribute: "sslmode",
    type: `optional(string, ${JSON.stringify(CONTRACT_DEFAULTS.sslMode)})`,
    prop: "sslMode",
  },
};

/** The object type and the field bindings of `existing_database`, with a target's own attributes after the base. */
export function existingDatabaseObject(extra: Record<string, Omit<ExistingDatabaseAttribute, "attribute">> = {}): {
  type: string;
  fields: Record<string, SettingField>;
} {
  const attributes: ExistingDatabaseAttribute[] = [
    ...Object.values(BASE),
    ...Object.entries(extra).map(([attribute, spec]) => ({ ...spec, attribute })),
  ];
  return {
    type: `object({ ${attributes.map((a) => `${a.attribute} = ${a.type}`).join(", ")} })`,
    fields: Object.fromEntries(attributes.map((a) => [a.prop, { attribute: a.attribute, kind: a.kind }])),
  };
}
