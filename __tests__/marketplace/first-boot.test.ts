/**
 * The first boot of a Droplet, the message of the day and `mathesar-set-domain`, run for real by bash in a
 * sandbox with the real Compose bundle (deploy/compose, its own secret generator) and stand-ins for docker,
 * curl (the metadata service), hostname, getent and systemctl. Also: the bundle's conventions the image relies
 * on, and the contract's guarantees for what the image runs.
 */
import { existsSync, readFileSync, statSync } from "fs";
import { join } from "path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import {
  COMPOSE_BUNDLE,
  COMPOSE_BUNDLE_DIR,
  FIRST_BOOT_OVERRIDES,
  HELPER_FILES,
  MOTD_GUIDE_URL,
  MOTD_MARKER_OVERRIDE,
  renderFirstBootScript,
  renderIpCaddyfile,
  renderIpOverride,
  renderMotdScript,
  renderSetDomainScript,
} from "../../modules/marketplace";
import { ADMIN_ENV, DEFAULT_MATHESAR_VERSION, secretKeyProblem } from "../../modules/mathesar";
import { describeConformance } from "./artifact-conformance";
import { Sandbox, parseEnv } from "./sandbox";

const REPO = join(__dirname, "..", "..");
const BUNDLE = join(REPO, COMPOSE_BUNDLE_DIR);
const IP = "203.0.113.7";

/** A sandbox holding a copy of the bundle, the helpers, the scripts and the stubs; `metadata` answers IP. */
function droplet(options: { metadata?: boolean; hostnameIp?: string } = {}) {
  const box = new Sandbox();
  box.copy(BUNDLE, "opt/mathesar");
  box.write(`opt/helpers/${HELPER_FILES.ipOverride}`, renderIpOverride());
  const firstBoot = box.write("first-boot.sh", renderFirstBootScript(), 0o755);
  const motd = box.write("motd.sh", renderMotdScript(), 0o755);
  const setDomain = box.write("set-domain.sh", renderSetDomainScript(), 0o755);
  box.write("etc/ssh/hold.conf", "Match User root\n\tForceCommand echo wait\n");
  box.stub("curl", options.metadata === false ? "exit 22" : `printf '%s' ${IP}`);
  box.stub("hostname", `echo "${options.hostnameIp ?? "10.10.0.5"} 10.116.0.2"`);
  box.stub("docker");
  box.stub("systemctl");
  const env: Record<string, string> = {
    [FIRST_BOOT_OVERRIDES.bundle]: box.path("opt/mathesar"),
    [FIRST_BOOT_OVERRIDES.helpers]: box.path("opt/helpers"),
    [FIRST_BOOT_OVERRIDES.passwordFile]: box.path("root/mathesar-admin-password"),
    [FIRST_BOOT_OVERRIDES.sshHold]: box.path("etc/ssh/hold.conf"),
    [FIRST_BOOT_OVERRIDES.metadata]: "http://metadata.invalid/metadata/v1",
    [MOTD_MARKER_OVERRIDE]: box.path("root/.shown"),
  };
  return { box, env, firstBoot, motd, setDomain };
}

describe("the first boot", () => {
  test("makes this Droplet's secrets once: .env and the password file mode 600, owned by root", () => {
    const { box, env, firstBoot } = droplet();
    try {
      const result = box.run(firstBoot, [], env);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const dotEnv = parseEnv(box.read("opt/mathesar/.env"));
      expect(dotEnv[COMPOSE_BUNDLE.domainVariable]).toBe(IP);
      expect(secretKeyProblem(dotEnv.SECRET_KEY)).toBeUndefined();
      expect(dotEnv[COMPOSE_BUNDLE.adminPasswordVariable].length).toBeGreaterThanOrEqual(12);
      expect(dotEnv.POSTGRES_PASSWORD.length).toBeGreaterThanOrEqual(12);
      expect(box.read("root/mathesar-admin-password")).toBe(`${dotEnv[COMPOSE_BUNDLE.adminPasswordVariable]}\n`);
      for (const file of ["opt/mathesar/.env", "root/mathesar-admin-password"]) {
        const stat = statSync(box.path(file));
        expect({ file, mode: stat.mode & 0o777, uid: stat.uid }).toEqual({ file, mode: 0o600, uid: process.getuid!() });
      }
      // Serves the address with Caddy's own certificate until a domain is set; then starts the stack.
      expect(box.exists(`opt/mathesar/${HELPER_FILES.ipOverride}`)).toBe(true);
      expect(box.calls()).toContain("docker compose up -d");
      // Root may log in again, and the password is never printed to the boot log.
      expect(box.exists("etc/ssh/hold.conf")).toBe(false);
      expect(result.stdout).not.toContain(dotEnv[COMPOSE_BUNDLE.adminPasswordVariable]);
    } finally {
      box.remove();
    }
  });

  test("refuses to regenerate: a second run changes nothing and starts nothing", () => {
    const { box, env, firstBoot } = droplet();
    try {
      expect(box.run(firstBoot, [], env).status).toBe(0);
      const before = box.read("opt/mathesar/.env");
      const calls = box.calls().length;
      const again = box.run(firstBoot, [], env);
      expect(again.status).toBe(0);
      expect(again.stderr).toMatch(/refusing to regenerate/);
      expect(box.read("opt/mathesar/.env")).toBe(before);
      expect(box.calls().filter((c) => c.startsWith("docker")).length).toBe(
        box
          .calls()
          .slice(0, calls)
          .filter((c) => c.startsWith("docker")).length,
      );
    } finally {
      box.remove();
    }
  });

  test("two Droplets from the same image get different secrets", () => {
    const a = droplet();
    const b = droplet();
    try {
      a.box.run(a.firstBoot, [], a.env);
      b.box.run(b.firstBoot, [], b.env);
      const [ea, eb] = [parseEnv(a.box.read("opt/mathesar/.env")), parseEnv(b.box.read("opt/mathesar/.env"))];
      for (const name of ["SECRET_KEY", "ADMIN_PASSWORD", "POSTGRES_PASSWORD"]) expect(ea[name]).not.toBe(eb[name]);
    } finally {
      a.box.remove();
      b.box.remove();
    }
  });

  test("waits for Docker, and says how to start the services if they fail (the secrets are kept)", () => {
    const { box, env, firstBoot } = droplet();
    try {
      // Docker answers on the third try; compose fails.
      box.stub("sleep");
      box.stub(
        "docker",
        `if [ "$1" = info ]; then n=$(grep -c "^docker info" "${box.log}"); [ "$n" -ge 3 ]; exit; fi; exit 1`,
      );
      const result = box.run(firstBoot, [], env);
      expect(box.calls().filter((c) => c === "docker info").length).toBe(3);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/did not start; start them with: cd .* && docker compose up -d/);
      expect(box.exists("opt/mathesar/.env")).toBe(true);
    } finally {
      box.remove();
    }
  });

  test("without the metadata service it uses the host's first address", () => {
    const { box, env, firstBoot } = droplet({ metadata: false, hostnameIp: "198.51.100.4" });
    try {
      expect(box.run(firstBoot, [], env).status).toBe(0);
      expect(parseEnv(box.read("opt/mathesar/.env"))[COMPOSE_BUNDLE.domainVariable]).toBe("198.51.100.4");
    } finally {
      box.remove();
    }
  });

  test("without any address it stops before making a secret (and still lets root in)", () => {
    const { box, env, firstBoot } = droplet({ metadata: false, hostnameIp: "999.1.1.1" });
    try {
      const result = box.run(firstBoot, [], env);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/public IPv4 address/);
      expect(box.exists("opt/mathesar/.env")).toBe(false);
      expect(box.exists("etc/ssh/hold.conf")).toBe(false);
    } finally {
      box.remove();
    }
  });
});

describe("the message of the day", () => {
  test("before the first boot it says to wait; then shows the URL and the password once", () => {
    const { box, env, firstBoot, motd } = droplet();
    try {
      expect(box.run(motd, [], env).stdout).toMatch(/still being set up/);
      box.run(firstBoot, [], env);
      const password = box.read("root/mathesar-admin-password").trim();
      const first = box.run(motd, [], env).stdout;
      expect(first).toContain(`https://${IP}/`);
      expect(first).toContain(`Password:  ${password}`);
      expect(first).toMatch(/mathesar-set-domain/);
      const second = box.run(motd, [], env).stdout;
      expect(second).not.toContain(password);
      expect(second).toContain(`cat ${box.path("root/mathesar-admin-password")}`);
    } finally {
      box.remove();
    }
  });

  test("it names the guide by an address a browser can open, and that guide is in this repository", () => {
    const { box, env } = droplet();
    try {
      const text = box.run(box.path("motd.sh"), [], env).stdout;
      const url = /Guide: (https:\/\/\S+)/.exec(text)?.[1];
      expect(url).toBe(MOTD_GUIDE_URL);
      const inRepository = new URL(url!).pathname.split("/blob/main/")[1];
      expect(existsSync(join(__dirname, "..", "..", inRepository))).toBe(true);
    } finally {
      box.remove();
    }
  });
});

describe("mathesar-set-domain", () => {
  test.each(["", "not a domain", "Data.Example.org", "203.0.113.7", "https://data.example.org", "-x.example.org"])(
    "refuses %j: not a host name",
    (domain) => {
      const { box, env, firstBoot, setDomain } = droplet();
      try {
        box.run(firstBoot, [], env);
        const result = box.run(setDomain, [domain], env);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/must be a lowercase DNS host name/);
        expect(parseEnv(box.read("opt/mathesar/.env"))[COMPOSE_BUNDLE.domainVariable]).toBe(IP);
      } finally {
        box.remove();
      }
    },
  );

  test("refuses a domain whose DNS does not point at this Droplet", () => {
    const { box, env, firstBoot, setDomain } = droplet();
    try {
      box.run(firstBoot, [], env);
      box.stub("getent", 'echo "192.0.2.1 STREAM data.example.org"');
      const result = box.run(setDomain, ["data.example.org"], env);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/resolves to "192\.0\.2\.1", not to this Droplet \(203\.0\.113\.7\)/);
      expect(box.exists(`opt/mathesar/${HELPER_FILES.ipOverride}`)).toBe(true);
    } finally {
      box.remove();
    }
  });

  test("with DNS in place: the domain in .env, the IP-phase override gone, the stack restarted", () => {
    const { box, env, firstBoot, setDomain } = droplet();
    try {
      box.run(firstBoot, [], env);
      const secrets = parseEnv(box.read("opt/mathesar/.env"));
      box.stub("getent", `echo "${IP} STREAM data.example.org"`);
      const result = box.run(setDomain, ["data.example.org"], env);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const after = parseEnv(box.read("opt/mathesar/.env"));
      expect(after[COMPOSE_BUNDLE.domainVariable]).toBe("data.example.org");
      expect(after.SECRET_KEY).toBe(secrets.SECRET_KEY);
      expect(statSync(box.path("opt/mathesar/.env")).mode & 0o777).toBe(0o600);
      expect(box.exists(`opt/mathesar/${HELPER_FILES.ipOverride}`)).toBe(false);
      expect(box.calls().filter((c) => c === "docker compose up -d").length).toBe(2);
    } finally {
      box.remove();
    }
  });
});

describe("the Compose bundle has what the image relies on", () => {
  const envExample = parseEnv(readFileSync(join(BUNDLE, COMPOSE_BUNDLE.envExample), "utf8"));
  const compose = parse(readFileSync(join(BUNDLE, "docker-compose.yml"), "utf8"));

  test(".env.example names the domain, the admin, the secrets and the pinned images", () => {
    for (const name of [
      COMPOSE_BUNDLE.domainVariable,
      COMPOSE_BUNDLE.adminUsernameVariable,
      COMPOSE_BUNDLE.adminPasswordVariable,
      ...COMPOSE_BUNDLE.imageVariables,
    ])
      expect(Object.keys(envExample)).toContain(name);
    expect(envExample.MATHESAR_IMAGE).toMatch(new RegExp(`:${DEFAULT_MATHESAR_VERSION.replace(/\./g, "\\.")}$`));
  });

  test("the IP-phase Caddyfile sends the bundle's Content-Security-Policy", () => {
    const header = /header Content-Security-Policy "[^"]+"/.exec(readFileSync(join(BUNDLE, "Caddyfile"), "utf8"))?.[0];
    expect(header).toBeDefined();
    expect(renderIpCaddyfile()).toContain(header);
  });

  test("the override is valid Compose, alone and merged into the bundle (volumes merge by container path)", () => {
    const schema = JSON.parse(readFileSync(join(REPO, "__tests__/compose/schema/compose-spec.json"), "utf8"));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const override = parse(renderIpOverride());
    expect(validate(override) ? [] : validate.errors).toEqual([]);
    expect(validate({ services: { caddy: { volumez: [] } } })).toBe(false);
    // Compose's documented merge: an override's volume replaces the base's volume at the same container path.
    const target = (v: string) => v.split(":")[1];
    const base: string[] = compose.services.caddy.volumes;
    const added: string[] = override.services.caddy.volumes;
    const merged = { ...compose };
    merged.services = {
      ...compose.services,
      caddy: {
        ...compose.services.caddy,
        volumes: [...base.filter((v) => !added.some((a) => target(a) === target(v))), ...added],
      },
    };
    expect(validate(merged) ? [] : validate.errors).toEqual([]);
    const caddyfiles = merged.services.caddy.volumes.filter(
      (v: string) => target(v) === COMPOSE_BUNDLE.caddyfileTarget,
    );
    expect(caddyfiles).toEqual([
      `/opt/mathesar-marketplace/${HELPER_FILES.ipCaddyfile}:${COMPOSE_BUNDLE.caddyfileTarget}:ro`,
    ]);
  });

  test("the override replaces exactly the Caddyfile the bundle mounts", () => {
    const volumes: string[] = compose.services[COMPOSE_BUNDLE.caddyService].volumes;
    expect(volumes.some((v) => v.split(":")[1] === COMPOSE_BUNDLE.caddyfileTarget)).toBe(true);
    const override = parse(renderIpOverride());
    expect(Object.keys(override.services)).toEqual([COMPOSE_BUNDLE.caddyService]);
    expect(override.services.caddy.volumes[0].split(":")[1]).toBe(COMPOSE_BUNDLE.caddyfileTarget);
  });
});

/** The bundle's web service as the image runs it. */
const compose = parse(readFileSync(join(BUNDLE, "docker-compose.yml"), "utf8"));
const web = compose.services.mathesar;
const bootstrap = compose.services.bootstrap;
const mathesarImage = parseEnv(readFileSync(join(BUNDLE, COMPOSE_BUNDLE.envExample), "utf8")).MATHESAR_IMAGE;
describeConformance({
  name: "DigitalOcean Marketplace image (the Compose bundle it runs)",
  version: DEFAULT_MATHESAR_VERSION,
  image: mathesarImage.replace(/^docker\.io\//, ""),
  env: { ...web.environment, [ADMIN_ENV.username]: bootstrap.environment[ADMIN_ENV.username] },
  isReference: (value) => /^\$\{[A-Z_]+(:[?-][^}]*)?\}$/.test(value),
  generatedSecrets: [],
  adminBeforeWeb: web.depends_on?.bootstrap?.condition === "service_completed_successfully",
  // The bundle's own PostgreSQL, on Compose's internal network.
  externalDatabase: false,
});
