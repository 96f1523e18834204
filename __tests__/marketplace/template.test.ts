/**
 * The Packer template: `packer validate` (Packer 1.6.6's DigitalOcean builder, offline), our checker of the
 * Marketplace's build rules, bad input refused at synth time, and the committed files in sync.
 */
import { spawnSync } from "child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  MARKETPLACE_DIR,
  MARKETPLACE_FILES,
  marketplaceImageFiles,
  renderInstallScript,
} from "../../modules/marketplace";
import { DEFAULT_MATHESAR_VERSION, MathesarInputError } from "../../modules/mathesar";
import { describeWithTool, hasTool } from "../support/tools";
import { templateProblems } from "./marketplace-rules";

const REPO = join(__dirname, "..", "..");
const files = marketplaceImageFiles();
const templatePath = `${MARKETPLACE_DIR}/${MARKETPLACE_FILES.template}`;
const template = JSON.parse(files[templatePath]);

describe("the template follows the Marketplace's build rules (our checker)", () => {
  test("no problem", () => {
    expect(templateProblems(template)).toEqual([]);
  });

  const mutations: Array<[string, (t: any) => void]> = [
    ["a non-LTS base image", (t) => (t.builders[0].image = "ubuntu-23-10-x64")],
    ["a large build Droplet", (t) => (t.variables.size = "s-4vcpu-8gb")],
    ["monitoring on", (t) => (t.builders[0].monitoring = true)],
    ["a token in the template", (t) => (t.variables.do_token = "dop_v1_abc")],
    ["no wait for cloud-init", (t) => t.provisioners.shift()],
    ["a step after the check", (t) => t.provisioners.push({ type: "shell", inline: ["true"] })],
    ["no cleanup", (t) => t.provisioners.splice(-2, 1)],
    [
      "no first-boot hook",
      (t) => (t.provisioners = t.provisioners.filter((p: any) => !/per-instance/.test(p.destination ?? ""))),
    ],
    ["a password", (t) => (t.variables.admin_password = "hunter2hunter2")],
  ];
  test.each(mutations)("the checker catches %s", (_label, mutate) => {
    const copy = JSON.parse(JSON.stringify(template));
    mutate(copy);
    expect(templateProblems(copy)).not.toEqual([]);
  });

  test("the defaults: Ubuntu 24.04, the smallest Droplet, the pinned Mathesar in the snapshot's name", () => {
    expect(template.builders[0].image).toBe("ubuntu-24-04-x64");
    expect(template.variables.size).toBe("s-1vcpu-1gb");
    expect(template.variables.mathesar_version).toBe(DEFAULT_MATHESAR_VERSION);
    expect(template.variables.snapshot_name).toBe(
      `mathesar-${DEFAULT_MATHESAR_VERSION.replace(/\./g, "-")}-ubuntu-24-04-{{timestamp}}`,
    );
    const other = JSON.parse(marketplaceImageFiles({ ubuntuRelease: "22.04", region: "fra1" })[templatePath]);
    expect([other.builders[0].image, other.variables.region]).toEqual(["ubuntu-22-04-x64", "fra1"]);
  });
});

/** Copies the template's folder and the bundle into a temporary deploy/ and runs `packer validate` there. */
function validate(templateText: string, withBundle = true) {
  const root = mkdtempSync(join(tmpdir(), "packer-"));
  try {
    cpSync(join(REPO, MARKETPLACE_DIR), join(root, MARKETPLACE_DIR), { recursive: true });
    if (withBundle) cpSync(join(REPO, "deploy/compose"), join(root, "deploy/compose"), { recursive: true });
    writeFileSync(join(root, templatePath), templateText);
    const result = spawnSync("packer", ["validate", join(root, templatePath)], {
      encoding: "utf8",
      env: { ...process.env, DIGITALOCEAN_TOKEN: "validate-only", CHECKPOINT_DISABLE: "1" },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describeWithTool("packer", hasTool("packer", ["version"]), "packer validate (Packer's DigitalOcean builder)", () => {
  test("the generated template is valid", () => {
    const result = validate(files[templatePath]);
    // Packer 1.6 prints nothing for a valid template.
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  test("an unknown builder key fails (so the check can fail)", () => {
    const copy = JSON.parse(files[templatePath]);
    copy.builders[0].sizee = "s-1vcpu-1gb";
    expect(validate(JSON.stringify(copy)).status).not.toBe(0);
  });

  test("a missing Compose bundle fails: the image cannot be built without it", () => {
    const result = validate(files[templatePath], false);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/compose/);
  });
});

describe("bad input is refused at synth time", () => {
  test.each([
    [{ mathesarVersion: "latest" }, /Invalid mathesarVersion "latest": must be a pinned Mathesar release/],
    [{ mathesarVersion: "" }, /Invalid mathesarVersion ""/],
    [{ mathesarVersion: null }, /Invalid mathesarVersion null/],
    [{ ubuntuRelease: "20.04" }, /Invalid ubuntuRelease "20\.04": must be one of "22\.04", "24\.04"/],
    [{ ubuntuRelease: "latest" }, /Invalid ubuntuRelease "latest"/],
    [{ region: "New York" }, /Invalid region "New York": must be a DigitalOcean region slug/],
    [{ region: "" }, /Invalid region ""/],
    [{ size: "huge" }, /Invalid size "huge": must be a DigitalOcean Droplet size slug/],
    [{ snapshotPrefix: "Bad_Name" }, /Invalid snapshotPrefix "Bad_Name"/],
    [{ snapshotPrefix: "" }, /Invalid snapshotPrefix ""/],
    [{ snapshotPrefix: null }, /Invalid snapshotPrefix null/],
    [{ ubuntuRelease: null }, /Invalid ubuntuRelease null/],
    [{ region: null }, /Invalid region null/],
    [{ size: null }, /Invalid size null/],
    [{ size: "" }, /Invalid size ""/],
  ])("%j", (props, message) => {
    expect(() => marketplaceImageFiles(props as never)).toThrow(MathesarInputError);
    expect(() => marketplaceImageFiles(props as never)).toThrow(message);
  });
});

test("the committed deploy/digitalocean-marketplace/ files are what the generator writes", () => {
  for (const [file, content] of Object.entries(files)) expect(readFileSync(join(REPO, file), "utf8")).toBe(content);
});

describe("the install script (what the docs promise about the image)", () => {
  const install = renderInstallScript();

  test("Docker, Compose, ufw and unattended upgrades from Ubuntu's own archive, no other package source", () => {
    expect(install).toMatch(
      /apt-get -qqy install --no-install-recommends docker\.io docker-compose-v2 ufw curl unattended-upgrades\n/,
    );
    expect(install).toContain("systemctl enable unattended-upgrades");
    expect(install).not.toMatch(/sources\.list|add-apt-repository|\| *(sh|bash|gpg)|download\.docker\.com/);
  });

  test("the firewall denies every inbound port but 22, 80 and 443, and is enabled", () => {
    const ufw = install.split("\n").filter((line) => line.startsWith("ufw "));
    expect(ufw).toEqual([
      "ufw default deny incoming",
      "ufw default allow outgoing",
      "ufw allow 22/tcp",
      "ufw allow 80/tcp",
      "ufw allow 443/tcp",
      "ufw --force enable",
    ]);
  });

  test("refuses an image with a .env, and a bundle that pins another Mathesar", () => {
    expect(install).toMatch(/if \[ -e \.env \]; then\n.*secrets must be made on each Droplet's first boot/);
    expect(install).toContain(
      '*) echo "install: the Compose bundle pins $mathesar_image, not Mathesar $version" >&2; exit 1 ;;',
    );
  });
});
