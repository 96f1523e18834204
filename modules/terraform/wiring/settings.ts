/**
 * A target's settings, declared once: each is a Terraform variable of the root module bound to a prop path
 * of the composite's props, with its type, default, description and input rule. From the table come the
 * root module's variables, the props the wiring reads in the module flavour, the synth-time checks of
 * single props in the construct flavour, and the names both flavours' error messages use.
 */
import { Token, ref } from "cdktf";
import type { VariableSpec } from "../module-stack";
import { checkProp } from "../input-rule";
import { type PropKind, getPath, setPath } from "./block-spec";
import { isAbsent, isPresent, presentWhen } from "./values";

/** A field of an object-typed setting. */
export interface SettingField {
  /** The attribute of the Terraform object. */
  readonly attribute: string;
  /**
   * Token kind of the prop.
   * @default "string"
   */
  readonly kind?: PropKind;
}

/** A root-module variable bound to a prop of the composite. */
export interface Setting extends VariableSpec {
  /** Dotted prop path, e.g. `database.managed.highAvailability`. */
  readonly prop: string;
  /**
   * Token kind of the prop.
   * @default from `type`: string, number, bool → boolean, list/set → list, map → map, else any
   */
  readonly kind?: PropKind;
  /**
   * For a nullable object variable: the props of the object and the attributes they read. The prop is
   * then present exactly when the variable is not null (see `presentWhen`).
   */
  readonly fields?: Readonly<Record<string, SettingField>>;
  /**
   * For a bool variable that says whether an optional object prop exists (`cloud_armor_enabled` for
   * `cloudArmor`): the object at `prop` is present when the variable is true (see `presentWhen`), and the
   * settings bound to its fields fill it.
   * @default false
   */
  readonly presence?: boolean;
}

/** Settings by Terraform variable name. */
export type Settings = Readonly<Record<string, Setting>>;

function tokenOf(expression: string, kind: PropKind): unknown {
  const reference = ref(expression);
  switch (kind) {
    case "string":
      return Token.asString(reference);
    case "number":
      return Token.asNumber(reference);
    case "boolean":
      // cdktf's encoding of a boolean token: an IResolvable typed `boolean` (what `booleanValue` returns).
      return Token.asAny(reference);
    case "list":
      return Token.asList(reference);
    case "map":
      return Token.asStringMap(reference);
    default:
      return Token.asAny(reference);
  }
}

/** The token kind a Terraform type implies. */
export function kindOfType(type: string): PropKind {
  const t = type.trim();
  if (t === "string") return "string";
  if (t === "number") return "number";
  if (t === "bool") return "boolean";
  if (/^(list|set)\(/.test(t)) return "list";
  if (/^map\(/.test(t)) return "map";
  return "any";
}

/**
 * The composite's props as the root module's variables: every prop a token over `var.<name>`; an
 * object setting with `fields` becomes an object present when the variable is not null.
 */
export function propsFromVariables<P>(settings: Settings): P {
  const props: Record<string, unknown> = {};
  // Shorter paths first: an object setting exists before a setting that adds a field to it.
  const byDepth = Object.entries(settings).sort(([, a], [, b]) => a.prop.split(".").length - b.prop.split(".").length);
  for (const [name, setting] of byDepth) {
    if (setting.presence) {
      const existing = getPath(props, setting.prop);
      const object = (typeof existing === "object" && existing !== null ? existing : {}) as object;
      setPath(props, setting.prop, presentWhen(Token.asString(ref(`var.${name}`)), object));
    } else if (setting.fields) {
      const fields: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(setting.fields)) {
        // A dotted key (`caCertificate.key`) nests, as the prop it stands for does.
        setPath(fields, key, tokenOf(`var.${name}.${field.attribute}`, field.kind ?? "string"));
      }
      const variable = tokenOf(`var.${name}`, "any");
      setPath(props, setting.prop, presentWhen(isPresent(variable), fields, isAbsent(variable)));
    } else {
      const kind = setting.kind ?? kindOfType(setting.type);
      setPath(props, setting.prop, tokenOf(`var.${name}`, kind));
    }
  }
  return props as P;
}

/** Checks every single-prop rule of the table against known props (tokens are left to Terraform). */
export function checkSettings(settings: Settings, props: unknown): void {
  for (const setting of Object.values(settings)) {
    if (setting.rule && !setting.fields && !setting.presence)
      checkProp(setting.prop, getPath(props, setting.prop), setting.rule);
  }
}

/** The Terraform variable a prop path is bound to. */
export function variableOf(settings: Settings, prop: string): string {
  const found = Object.entries(settings).find(([, setting]) => setting.prop === prop);
  if (found) return found[0];
  // A field of an object setting: `existing_database.port`.
  for (const [name, setting] of Object.entries(settings)) {
    for (const [key, field] of Object.entries(setting.fields ?? {})) {
      if (`${setting.prop}.${key}` === prop) return `${name}.${field.attribute}`;
    }
  }
  throw new Error(`No setting is bound to prop ${prop}`);
}

/** The variable specs of the table (what `ModuleStack.variables` declares). */
export function variableSpecs(settings: Settings): Record<string, VariableSpec> {
  return Object.fromEntries(
    Object.entries(settings).map(([name, setting]) => {
      const { prop: _prop, kind: _kind, fields: _fields, presence: _presence, ...spec } = setting;
      return [name, spec];
    }),
  );
}

/**
 * The root module's arguments for known props: what a construct user writes as a `module` block to get
 * the same deployment (the parity tests plan both). Absent props are left to the variables' defaults;
 * values are written as Terraform JSON takes them (tokens render as references).
 */
export function variablesFromProps(settings: Settings, props: unknown): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings)) {
    const value = getPath(props, setting.prop);
    if (value === undefined) continue;
    // A presence setting is true when its object is given (its fields are other settings).
    if (setting.presence) variables[name] = true;
    else if (setting.fields) {
      const object: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(setting.fields)) {
        const fieldValue = getPath(value, key);
        if (fieldValue !== undefined) object[field.attribute] = fieldValue;
      }
      variables[name] = object;
    } else {
      variables[name] = value;
    }
  }
  return variables;
}

/**
 * The module README's table of settings: each root variable (and object attribute) beside the prop of the
 * construct it is, so a user moving between the flavours finds every name.
 */
export function settingsTable(settings: Settings, construct: string): string {
  const rows: string[] = [];
  for (const [name, setting] of Object.entries(settings)) {
    rows.push(`| \`${name}\` | \`${setting.prop}\` |`);
    for (const [prop, field] of Object.entries(setting.fields ?? {}))
      rows.push(`| \`${name}.${field.attribute}\` | \`${setting.prop}.${prop}\` |`);
  }
  return [`| Terraform variable | ${construct} prop |`, "| --- | --- |", ...rows].join("\n");
}
