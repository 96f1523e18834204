/**
 * The nginx + certbot variant: both site templates, filled as nginx/start.sh fills them (DOMAIN_NAME only),
 * checked by a real `nginx -t` against a real certificate and key (openssl), inside a minimal main
 * configuration whose paths point into a throwaway folder.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { composeBundleFiles } from "../../modules/compose";
import { describeWithTool, hasTool } from "../support/tools";
import { parseCompose, selfSignedCertificate } from "./support";

const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
const files = composeBundleFiles({ edge: "nginx" });
const DOMAIN = "mathesar.example.org";

/** envsubst with only DOMAIN_NAME, as start.sh runs it. */
const fill = (template: string) => template.split("${DOMAIN_NAME}").join(DOMAIN);

/** `nginx -t` on the site (`withHttps`: both templates), with Let's Encrypt's paths moved into a temp folder. */
function nginxTest(site: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(join(tmpdir(), "mathesar-nginx-"));
  try {
    const live = join(dir, "letsencrypt", "live", DOMAIN);
    fs.mkdirSync(live, { recursive: true });
    const tls = selfSignedCertificate(live, DOMAIN);
    fs.renameSync(tls.certificate, join(live, "fullchain.pem"));
    fs.renameSync(tls.key, join(live, "privkey.pem"));
    fs.writeFileSync(join(dir, "site.conf"), site.split("/etc/letsencrypt/").join(`${dir}/letsencrypt/`));
    fs.writeFileSync(
      join(dir, "nginx.conf"),
      `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/site.conf;\n}\n`,
    );
    const result = spawnSync(NGINX!, ["-t", "-q", "-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf")], {
      encoding: "utf8",
      timeout: 30000,
    });
    return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("nginx site text", () => {
  const https = files["nginx/https.conf.template"];
  test("proxies with the Host header and X-Forwarded-Proto https (Django's CSRF check needs both)", () => {
    expect(https).toContain("proxy_set_header Host $host;");
    expect(https).toContain("proxy_set_header X-Forwarded-Proto https;");
    expect(https).toContain(`add_header Content-Security-Policy "connect-src 'self'" always;`);
    expect(https).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    expect(https).toContain(`add_header Strict-Transport-Security "max-age=31536000" always;`);
    expect(https).toContain("client_max_body_size 100m;");
    expect(https).toContain("resolver 127.0.0.11 valid=10s ipv6=off;");
  });

  test("start.sh fills DOMAIN_NAME only, so nginx's own variables survive", () => {
    expect(files["nginx/start.sh"]).toContain(`only='\${DOMAIN_NAME}'`);
    expect(files["nginx/start.sh"]).toMatch(/envsubst "\$only"/g);
    expect(fill(https)).toContain("proxy_pass $mathesar;");
    // nginx reloads every 6 hours, so that certbot's renewals are served.
    expect(files["nginx/start.sh"]).toContain("(while sleep 21600; do nginx -s reload; done) &");
  });

  test("docker-compose.yml runs start.sh, shares certbot's volumes and renews twice a day", () => {
    const services = parseCompose(files["docker-compose.yml"]).services;
    expect(services.nginx.command).toEqual(["sh", "/etc/mathesar/nginx-start.sh"]);
    expect(services.nginx.volumes).toEqual(expect.arrayContaining(["certbot-certificates:/etc/letsencrypt:ro"]));
    expect(services.certbot.entrypoint[2]).toContain("certbot renew --webroot -w /var/www/certbot");
    expect(services.certbot.entrypoint[2]).toContain("sleep 43200 & wait $$!");
  });
});

describeWithTool(
  "nginx and openssl",
  NGINX !== undefined && hasTool("openssl", ["version"]),
  "nginx -t: the nginx + certbot variant (real nginx)",
  () => {
    test("HTTP only (before the first certificate): valid", () => {
      const result = nginxTest(fill(files["nginx/http.conf.template"]));
      expect(result.output).toBe("");
      expect(result.status).toBe(0);
    });

    test("HTTP and HTTPS (with the certificate): valid", () => {
      const result = nginxTest(fill(files["nginx/http.conf.template"]) + fill(files["nginx/https.conf.template"]));
      expect(result.output).toBe("");
      expect(result.status).toBe(0);
    });

    test("a broken site fails (the tier is not a no-op)", () => {
      const result = nginxTest(fill(files["nginx/https.conf.template"]).replace("proxy_pass", "proxy_passs"));
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/unknown directive "proxy_passs"/);
    });
  },
);
