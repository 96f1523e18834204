/**
 * The image's cleanup and image check, run for real by bash against a sandbox root that looks like a used
 * build Droplet (logs, history, keys, cloud-init state): the check fails it, the cleanup fixes it, the check
 * passes. Stand-ins replace apt-get, cloud-init, journalctl, ufw and dd. Then shellcheck over every script,
 * and Caddy's own validator over the IP-phase Caddyfile.
 */
import { spawn, spawnSync } from "child_process";
import * as https from "https";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  ADMIN_PASSWORD_FILE,
  IMAGE_ROOT_OVERRIDE,
  MARKETPLACE_DIR,
  MARKETPLACE_PATHS,
  PER_INSTANCE_HOOK,
  marketplaceImageFiles,
  renderCleanupScript,
  renderImageCheckScript,
  renderIpCaddyfile,
} from "../../modules/marketplace";
import { describeWithTool, hasTool } from "../support/tools";
import { Sandbox } from "./sandbox";

const UFW_ACTIVE = [
  "Status: active",
  "",
  "To                         Action      From",
  "--                         ------      ----",
  "22/tcp                     ALLOW       Anywhere",
  "80/tcp                     ALLOW       Anywhere",
  "443/tcp                    ALLOW       Anywhere",
  "22/tcp (v6)                ALLOW       Anywhere (v6)",
].join("\n");

/** The per-instance hook as installed on the build Droplet (its content must survive the cleanup). */
const FIRST_BOOT_HOOK = "#!/bin/bash\nexec /opt/mathesar-marketplace/first-boot.sh\n";

/** A sandbox root shaped like the build Droplet just before cleanup. */
function buildDroplet(ufw = UFW_ACTIVE) {
  const box = new Sandbox();
  const r = (p: string) => `image${p}`;
  box.write(r("/etc/os-release"), 'NAME="Ubuntu"\nVERSION_ID="24.04"\n');
  box.write(r("/etc/passwd"), "root:x:0:0:root:/root:/bin/bash\nsyslog:x:104:110::/nonexistent:/usr/sbin/nologin\n");
  box.write(r("/etc/shadow"), "root:*:19000:0:99999:7:::\nsyslog:*:19000:0:99999:7:::\n");
  box.write(r("/var/log/auth.log"), "Dec  3 10:00:00 build sshd[1]: Accepted publickey for root\n".repeat(5));
  box.write(r("/var/log/syslog.1"), "old\n");
  box.write(r("/var/log/apt/history.log.1.gz"), "gz");
  box.write(r("/var/log/dpkg.log"), "install docker.io\n".repeat(10));
  box.write(r("/root/.bash_history"), "export DIGITALOCEAN_TOKEN=dop_v1_secret\n".repeat(10));
  box.write(r("/root/.ssh/authorized_keys"), `ssh-ed25519 ${"A".repeat(68)} packer\n`);
  box.write(r("/etc/ssh/ssh_host_ed25519_key"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
  box.write(r("/var/lib/cloud/instances/1234/user-data.txt"), "#cloud-config\n");
  box.write(r("/tmp/packer-shell123"), "x");
  box.write(r(`${MARKETPLACE_PATHS.perInstance}/${PER_INSTANCE_HOOK}`), FIRST_BOOT_HOOK, 0o755);
  for (const hook of [MARKETPLACE_PATHS.motd, MARKETPLACE_PATHS.setDomain]) box.write(r(hook), "#!/bin/bash\n", 0o755);
  box.write(r(`${MARKETPLACE_PATHS.bundle}/.env.example`), "DOMAIN_NAME=mathesar.example.org\n");
  box.stub("apt-get");
  // As the real one does (cloudinit/cmd/clean.py, remove_artifacts): everything under /var/lib/cloud goes,
  // the per-instance scripts included. A stand-in that only records the call hid that the image lost its
  // first boot.
  box.stub("cloud-init", `if [ "$1" = clean ]; then rm -rf "\${${IMAGE_ROOT_OVERRIDE}:?}"/var/lib/cloud/*; fi`);
  box.stub("journalctl");
  box.stub("dd");
  box.stub("ufw", `cat <<'EOF'\n${ufw}\nEOF`);
  const cleanup = box.write("cleanup.sh", renderCleanupScript(), 0o755);
  const check = box.write("check.sh", renderImageCheckScript(), 0o755);
  const env = { [IMAGE_ROOT_OVERRIDE]: box.path("image") };
  return { box, cleanup, check, env };
}

describe("cleanup and image check on a sandbox build Droplet", () => {
  test("the check fails the used Droplet, the cleanup fixes it, the check passes", () => {
    const { box, cleanup, check, env } = buildDroplet();
    try {
      const before = box.run(check, [], env);
      expect(before.status).toBe(1);
      for (const failure of [
        /\[FAIL\] log archive .*syslog\.1/,
        /\[FAIL\] .*\/root\/\.bash_history is not empty/,
        /\[FAIL\] .*\/root\/\.ssh\/authorized_keys is not empty/,
        /\[FAIL\] SSH host keys are in the image/,
        /\[FAIL\] cloud-init instance state is in the image/,
        /\[FAIL\] .*00-mathesar-first-boot\.conf is missing/,
      ])
        expect(before.stdout).toMatch(failure);

      const cleaned = box.run(cleanup, [], env);
      expect(cleaned.stderr).toBe("");
      expect(cleaned.status).toBe(0);
      expect(box.calls()).toEqual(
        expect.arrayContaining([
          "apt-get -qqy -o Dpkg::Options::=--force-confold upgrade",
          "cloud-init clean --logs --seed",
        ]),
      );
      expect(box.read("image/var/log/auth.log")).toBe("");
      expect(box.exists("image/tmp/packer-shell123")).toBe(false);
      expect(box.read(`image${MARKETPLACE_PATHS.sshHold}`)).toMatch(/^Match User root\n\tForceCommand echo /);

      // The first-boot hook survives cloud-init clean, unchanged and executable.
      const hook = `image${MARKETPLACE_PATHS.perInstance}/${PER_INSTANCE_HOOK}`;
      expect(box.read(hook)).toBe(FIRST_BOOT_HOOK);
      expect(box.exists("image/var/lib/cloud/instances/1234")).toBe(false);

      const after = box.run(check, [], env);
      expect(after.stdout).not.toMatch(/\[FAIL\]/);
      expect(after.status).toBe(0);
    } finally {
      box.remove();
    }
  });

  test("the cleanup refuses an image holding a Mathesar secret", () => {
    for (const secret of [`${MARKETPLACE_PATHS.bundle}/.env`, ADMIN_PASSWORD_FILE]) {
      const { box, cleanup, env } = buildDroplet();
      try {
        box.write(`image${secret}`, "SECRET_KEY=x\n");
        const result = box.run(cleanup, [], env);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/refusing to snapshot/);
        expect(box.calls()).toEqual([]);
      } finally {
        box.remove();
      }
    }
  });

  test("the cleanup refuses to run outside Packer's build (it deletes keys and logs)", () => {
    const { box, cleanup } = buildDroplet();
    try {
      const result = box.run(cleanup, [], {});
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/only by Packer/);
      expect(box.calls()).toEqual([]);
    } finally {
      box.remove();
    }
  });

  test.each([
    ["an inactive firewall", "Status: inactive", /\[FAIL\] ufw is not active/],
    [
      "an extra open port",
      `${UFW_ACTIVE}\n5432/tcp                   ALLOW       Anywhere`,
      /\[FAIL\] open ports: 22 80 443 5432/,
    ],
  ])("the check fails %s", (_label, ufw, failure) => {
    const { box, cleanup, check, env } = buildDroplet(ufw);
    try {
      box.run(cleanup, [], env);
      const result = box.run(check, [], env);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(failure);
    } finally {
      box.remove();
    }
  });

  test.each([
    ["an unsupported release", "image/etc/os-release", 'NAME="Ubuntu"\nVERSION_ID="20.04"\n', /unsupported system/],
    ["a root password", "image/etc/shadow", "root:$6$salt$hash:19000:0:99999:7:::\n", /\[FAIL\] root has a password/],
    ["a DigitalOcean agent", "image/opt/digitalocean/bin/agent", "x", /\/opt\/digitalocean is in the image/],
  ])("the check fails %s", (_label, file, content, failure) => {
    const { box, cleanup, check, env } = buildDroplet();
    try {
      box.run(cleanup, [], env);
      box.write(file, content);
      const result = box.run(check, [], env);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(failure);
    } finally {
      box.remove();
    }
  });

  test("pending security updates fail the check", () => {
    const { box, cleanup, check, env } = buildDroplet();
    try {
      box.run(cleanup, [], env);
      box.stub(
        "apt-get",
        'echo "Inst libssl3t64 [3.0.13-0ubuntu3.4] (3.0.13-0ubuntu3.5 Ubuntu:24.04/noble-security [amd64])"',
      );
      const result = box.run(check, [], env);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/\[FAIL\] 1 security updates are not installed/);
    } finally {
      box.remove();
    }
  });
});

const SCRIPTS = Object.entries(marketplaceImageFiles()).filter(([, content]) => content.startsWith("#!/bin/bash"));

describe("every script parses (bash -n)", () => {
  test.each(SCRIPTS.map(([path]) => path))("%s", (path) => {
    const content = marketplaceImageFiles()[path];
    expect(spawnSync("bash", ["-n", "-c", content]).status).toBe(0);
  });
});

describeWithTool("shellcheck", hasTool("shellcheck"), "every script passes shellcheck", () => {
  test("there are seven scripts", () => {
    expect(SCRIPTS.length).toBe(7);
  });
  test.each(SCRIPTS.map(([path]) => path))("%s", (path) => {
    const result = spawnSync("shellcheck", ["-s", "bash", join(__dirname, "..", "..", path)], { encoding: "utf8" });
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});

describeWithTool("caddy", hasTool("caddy", ["version"]), "the IP-phase Caddyfile passes caddy validate", () => {
  test("caddy validate --adapter caddyfile, with the Droplet's address as DOMAIN_NAME", () => {
    const dir = mkdtempSync(join(tmpdir(), "caddy-ip-"));
    try {
      const file = join(dir, "Caddyfile");
      writeFileSync(file, renderIpCaddyfile());
      const result = spawnSync("caddy", ["validate", "--adapter", "caddyfile", "--config", file], {
        encoding: "utf8",
        env: { ...process.env, DOMAIN_NAME: "203.0.113.7", XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      });
      expect(`${result.stdout}${result.stderr}`).toMatch(/Valid configuration/);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithTool("caddy", hasTool("caddy", ["version"]), "the IP-phase Caddyfile serves HTTPS on an address", () => {
  test("a client that sends no server name (as browsers do for an address) completes the handshake", async () => {
    const dir = mkdtempSync(join(tmpdir(), "caddy-ip-run-"));
    const file = join(dir, "Caddyfile");
    // The same file on high ports, so the test needs no privileges; the upstream is absent (502 is expected).
    writeFileSync(
      file,
      renderIpCaddyfile().replace("\tadmin off\n", "\tadmin off\n\thttp_port 18080\n\thttps_port 18443\n"),
    );
    const caddy = spawn("caddy", ["run", "--adapter", "caddyfile", "--config", file], {
      env: { ...process.env, DOMAIN_NAME: "127.0.0.1", XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir },
      stdio: "ignore",
    });
    try {
      const answer = await new Promise<{ status?: number; issuer: string }>((resolve, reject) => {
        const deadline = Date.now() + 20000;
        const attempt = () => {
          const request = https.get(
            { host: "127.0.0.1", port: 18443, path: "/", rejectUnauthorized: false },
            (response) => {
              const certificate = (response.socket as import("tls").TLSSocket).getPeerCertificate();
              response.resume();
              resolve({ status: response.statusCode, issuer: String(certificate.issuer?.CN ?? "") });
            },
          );
          request.on("error", (error) => (Date.now() > deadline ? reject(error) : setTimeout(attempt, 300)));
        };
        attempt();
      });
      expect(answer.issuer).toMatch(/Caddy Local Authority/);
      expect(answer.status).toBe(502);
    } finally {
      caddy.kill("SIGTERM");
      await new Promise((resolve) => caddy.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test(`the generated files live under ${MARKETPLACE_DIR}`, () => {
  for (const path of Object.keys(marketplaceImageFiles())) expect(path.startsWith(`${MARKETPLACE_DIR}/`)).toBe(true);
});
