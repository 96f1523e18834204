/**
 * Our own checker of the rules CapRover's one-click app format states (caprover/one-click-apps: its
 * README, its pull-request checklist and its validation script; and how CapRover's dashboard reads a
 * variable's validRegex). Written from those facts, not from their code.
 */

/** The Docker Compose keys CapRover reads for a service (README, "Services"); anything else is ignored. */
export const PARSED_SERVICE_KEYS = [
  "image",
  "environment",
  "ports",
  "volumes",
  "depends_on",
  "hostname",
  "command",
  "cap_add",
  "caproverExtra",
];

/** The keys of a service's `caproverExtra` section (README). */
export const CAPROVER_EXTRA_KEYS = ["dockerfileLines", "containerHttpPort", "notExposeAsWebApp", "websocketSupport"];

/** CapRover's built-in variables, available in every template. */
const BUILTIN = /^\$\$cap_(appname|root_domain|gen_random_hex\(\d+\))$/;

/** Largest length `$$cap_gen_random_hex(n)` honours; longer ones are replaced by an empty string. */
export const MAX_RANDOM_HEX = 256;

/** How the dashboard turns `validRegex` (`/pattern/flags`) into a RegExp: undefined when it cannot. */
export function compileValidRegex(text: string): RegExp | undefined {
  const parts = /\/(.*)\/(.*)/.exec(text);
  if (!parts) return undefined;
  try {
    return new RegExp(parts[1], parts[2]);
  } catch {
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every rule the template breaks; empty when it follows them all. */
export function oneClickProblems(template: unknown, text: string): string[] {
  const problems: string[] = [];
  if (!isObject(template)) return ["the template is not a YAML mapping"];
  if (String(template.captainVersion) !== "4") problems.push("captainVersion must be 4");
  const app = template.caproverOneClickApp;
  if (!isObject(app)) return [...problems, "caproverOneClickApp is missing"];
  if (typeof app.description !== "string" || app.description === "") problems.push("description is missing");
  else if (app.description.length > 200) problems.push("description is longer than 200 characters");
  if (typeof app.displayName !== "string" || app.displayName === "") problems.push("displayName is missing");
  const instructions = app.instructions;
  if (!isObject(instructions) || !instructions.start || !instructions.end)
    problems.push("instructions.start and instructions.end are required");
  if (!isObject(template.services) || Object.keys(template.services).length === 0)
    problems.push("services are missing");
  else {
    for (const [name, service] of Object.entries(template.services)) {
      if (!isObject(service)) {
        problems.push(`service ${name} is not a mapping`);
        continue;
      }
      for (const key of Object.keys(service))
        if (!PARSED_SERVICE_KEYS.includes(key)) problems.push(`service ${name}: CapRover ignores "${key}"`);
      const extra = isObject(service.caproverExtra) ? service.caproverExtra : {};
      for (const key of Object.keys(extra))
        if (!CAPROVER_EXTRA_KEYS.includes(key)) problems.push(`service ${name}: unknown caproverExtra.${key}`);
      const hasLines = extra.dockerfileLines !== undefined;
      if (hasLines === (service.image !== undefined))
        problems.push(`service ${name}: exactly one of image and caproverExtra.dockerfileLines`);
      if (typeof service.image === "string") {
        const tag = /:([^/:]+)$/.exec(service.image)?.[1];
        if (tag === undefined || tag === "latest")
          problems.push(`service ${name}: image ${service.image} is not pinned`);
      }
    }
  }
  const variables = Array.isArray(app.variables) ? app.variables : [];
  const ids = new Set<string>();
  for (const variable of variables) {
    if (!isObject(variable) || typeof variable.id !== "string" || typeof variable.label !== "string") {
      problems.push("every variable needs an id and a label");
      continue;
    }
    if (!/^\$\$cap_[A-Za-z0-9_]+$/.test(variable.id)) problems.push(`variable ${variable.id}: ids start with $$cap_`);
    if (ids.has(variable.id)) problems.push(`variable ${variable.id} is defined twice`);
    ids.add(variable.id);
    if (variable.validRegex !== undefined) {
      if (typeof variable.validRegex !== "string" || !compileValidRegex(variable.validRegex))
        problems.push(`variable ${variable.id}: validRegex ${String(variable.validRegex)} does not compile`);
    }
  }
  // Every $$cap_ word used must be a form variable or a built-in (a typo would stay in the app verbatim).
  for (const match of text.matchAll(/\$\$cap_[A-Za-z0-9_]+(\(\d+\))?/g)) {
    const used = match[0];
    if (!ids.has(used) && !BUILTIN.test(used)) problems.push(`${used} is neither a variable nor a built-in`);
    const hex = /gen_random_hex\((\d+)\)/.exec(used);
    if (hex && Number(hex[1]) > MAX_RANDOM_HEX) problems.push(`${used}: CapRover caps random hex at ${MAX_RANDOM_HEX}`);
  }
  return problems;
}
