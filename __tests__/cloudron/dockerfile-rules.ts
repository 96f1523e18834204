/**
 * Our rules for the package's Dockerfile (there is no Dockerfile linter here): every stage pinned (a tag
 * that is not latest; the base the app runs on also by digest), no secret in ENV or ARG, the final stage on
 * Cloudron's base image starting the start script, and no USER root left at the end (Cloudron starts the
 * script as root; the script drops to Cloudron's user for every Mathesar process).
 */

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|PRIVATE|_KEY\b|^KEY\b)/i;

/** Every rule the Dockerfile breaks; empty when it follows them all. */
export function dockerfileProblems(dockerfile: string): string[] {
  const problems: string[] = [];
  const lines = dockerfile.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  const froms = lines.filter((l) => /^FROM\s/i.test(l)).map((l) => l.split(/\s+/)[1]);
  if (froms.length === 0) return ["no FROM"];
  for (const image of froms) {
    const [name, digest] = image.split("@");
    const tag = /:([^/:]+)$/.exec(name)?.[1];
    if (tag === undefined || tag === "latest") problems.push(`FROM ${image}: not pinned to a tag`);
    if (name.startsWith("cloudron/base") && !/^sha256:[0-9a-f]{64}$/.test(digest ?? ""))
      problems.push(`FROM ${image}: Cloudron's base image must be pinned by digest`);
  }
  if (!froms[froms.length - 1].startsWith("cloudron/base:"))
    problems.push("the final stage is not Cloudron's base image");
  for (const line of lines) {
    const match = /^(ENV|ARG)\s+(.*)$/i.exec(line);
    if (!match) continue;
    for (const pair of match[2].split(/\s+/)) {
      const [name, value] = pair.split("=");
      if (SECRET_NAME.test(name))
        problems.push(`${match[1]} ${name}: a secret baked into the image${value ? "" : " (even empty)"}`);
    }
  }
  const users = lines.filter((l) => /^USER\s/i.test(l));
  if (users.length > 0 && /^USER\s+(root|0)\b/i.test(users[users.length - 1]))
    problems.push("the image ends as USER root");
  if (!/^CMD \["\/app\/pkg\/start\.sh"\]$/m.test(dockerfile)) problems.push("CMD is not the start script");
  return problems;
}
