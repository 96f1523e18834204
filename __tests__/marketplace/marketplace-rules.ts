/**
 * Our own checker of DigitalOcean's Marketplace rules for how an image is built (the marketplace-partners
 * repository: its README's requirements and recommendations, its image-check and cleanup tools), applied to
 * our Packer template: the parts a test can read without building the image. The image check inside the
 * build (scripts/99-image-check.sh) applies the rest to the built system.
 */

/** Base images the Marketplace accepts that are Ubuntu LTS releases still supported. */
const UBUNTU_LTS_IMAGES = ["ubuntu-22-04-x64", "ubuntu-24-04-x64"];

type Json = Record<string, any>;

/** Every rule the template breaks; empty when it follows them all. */
export function templateProblems(template: Json): string[] {
  const problems: string[] = [];
  const builders: Json[] = template.builders ?? [];
  if (builders.length !== 1 || builders[0].type !== "digitalocean") return ["one digitalocean builder is required"];
  const b = builders[0];
  const vars: Json = template.variables ?? {};
  const resolve = (v: unknown) =>
    typeof v === "string" ? v.replace(/\{\{user `([a-z_]+)`\}\}/g, (_m, name: string) => String(vars[name])) : v;
  if (!UBUNTU_LTS_IMAGES.includes(b.image)) problems.push(`base image ${b.image} is not a supported Ubuntu LTS`);
  if (!/^s-1vcpu-(512mb|1gb)(-.*)?$/.test(String(resolve(b.size))))
    problems.push(`build size ${resolve(b.size)} is not the smallest (snapshots cannot run on smaller disks)`);
  for (const feature of ["monitoring", "ipv6", "private_networking"])
    if (b[feature] !== false) problems.push(`${feature} must be off on the build Droplet`);
  if (b.ssh_username !== "root") problems.push("the build connects as root");
  if (b.api_token !== "{{user `do_token`}}" || vars.do_token !== "{{env `DIGITALOCEAN_TOKEN`}}")
    problems.push("the API token must come from the environment only");
  if (!(template["sensitive-variables"] ?? []).includes("do_token")) problems.push("do_token must be sensitive");

  const provisioners: Json[] = template.provisioners ?? [];
  const first = provisioners[0];
  if (!first || first.type !== "shell" || !(first.inline ?? []).includes("cloud-init status --wait"))
    problems.push("the first step must wait for the base image's cloud-init");
  const scripts = provisioners.map((p) => String(p.script ?? ""));
  const cleanup = scripts.findIndex((s) => /cleanup\.sh$/.test(s));
  const check = scripts.findIndex((s) => /image-check\.sh$/.test(s));
  if (cleanup < 0) problems.push("no cleanup step");
  if (check !== provisioners.length - 1) problems.push("the image check must be the last step");
  if (cleanup >= 0 && cleanup !== provisioners.length - 2)
    problems.push("nothing may run between cleanup and the check");
  const uploads = provisioners.filter((p) => p.type === "file").map((p) => String(p.destination));
  if (!uploads.some((d) => d.startsWith("/var/lib/cloud/scripts/per-instance/")))
    problems.push("no per-instance script: secrets would not be made on each Droplet's first boot");
  if (!uploads.some((d) => d.startsWith("/etc/update-motd.d/99"))) problems.push("no message of the day");
  const text = JSON.stringify(template);
  if (/(password|secret_key|BEGIN [A-Z ]*PRIVATE KEY)/i.test(text)) problems.push("the template holds a secret");
  return problems;
}
