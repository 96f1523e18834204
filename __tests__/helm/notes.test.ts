/** NOTES.txt: what the person who just installed Mathesar must read (URL, admin password, warnings). */
import { FULLNAME, HELM, NAMESPACE, helmInstallDryRun, notesOf } from "../support/helm";
import { describeWithTool } from "../support/tools";
import { DB_HOST, PUBLIC_HOST } from "./matrix";

const notes = (values: object) => {
  const result = helmInstallDryRun(values);
  if (result.status !== 0) throw new Error(result.stderr);
  return notesOf(result.stdout);
};

describeWithTool("helm", HELM !== undefined, "NOTES.txt", () => {
  test("the public URL and how to read the generated admin password", () => {
    const text = notes({ database: { host: DB_HOST }, ingress: { host: PUBLIC_HOST } });
    expect(text).toContain(`https://${PUBLIC_HOST}/`);
    expect(text).toContain("X-Forwarded-Proto: https");
    expect(text).toContain(
      `kubectl --namespace ${NAMESPACE} get secret ${FULLNAME}-admin -o jsonpath='{.data.password}' | base64 -d`,
    );
    expect(text).not.toMatch(/EVALUATION ONLY|WHOEVER OPENS IT FIRST/);
  });

  test("without a host: the port-forward; with an existing admin Secret: that Secret and key", () => {
    const text = notes({ database: { host: DB_HOST }, admin: { existingSecret: "my-admin", passwordKey: "pw" } });
    expect(text).toContain(`port-forward service/${FULLNAME} 8080:80`);
    expect(text).toContain("get secret my-admin -o jsonpath='{.data.pw}' | base64 -d");
  });

  test("warnings: the in-cluster database is for evaluation only; without an admin the first visitor becomes admin", () => {
    expect(notes({ postgresql: { enabled: true } })).toMatch(
      /in-cluster PostgreSQL .* is for EVALUATION ONLY: a single pod with no\s+backups/,
    );
    expect(notes({ database: { host: DB_HOST }, admin: { enabled: false } })).toMatch(
      /WHOEVER OPENS IT FIRST BECOMES THE ADMIN/,
    );
  });

  describe("TLS on with no certificate source: a warning, only then", () => {
    const WARNING = /WARNING: no certificate is configured/;
    const withIngress = (ingress: object) =>
      notes({ database: { host: DB_HOST }, ingress: { host: PUBLIC_HOST, ...ingress } });

    test("neither certManager.clusterIssuer nor tls.secretName: names the Secret nobody creates and how to fix it", () => {
      const text = withIngress({});
      expect(text).toMatch(WARNING);
      expect(text).toMatch(/Neither ingress\.certManager\.clusterIssuer nor ingress\.tls\.secretName\s+is set/);
      expect(text).toContain(`Secret ${FULLNAME}-tls, which nothing in this release creates`);
      expect(text).toMatch(/self-signed default certificate/);
      expect(text).toContain(`kubectl --namespace ${NAMESPACE} create secret tls ${FULLNAME}-tls --cert=`);
      // Still the https URL: the Secret may be created out of band.
      expect(text).toContain(`https://${PUBLIC_HOST}/`);
    });

    test("no warning with an issuer, a Secret name, a cert-manager annotation of the user's, TLS off, no Ingress or no host", () => {
      for (const [label, text] of [
        ["clusterIssuer", withIngress({ certManager: { clusterIssuer: "letsencrypt-prod" } })],
        ["secretName", withIngress({ tls: { secretName: "my-cert" } })],
        ["issuer annotation", withIngress({ annotations: { "cert-manager.io/issuer": "namespaced-issuer" } })],
        [
          "cluster-issuer annotation",
          withIngress({ annotations: { "cert-manager.io/cluster-issuer": "letsencrypt-prod" } }),
        ],
        ["TLS off", withIngress({ tls: { enabled: false } })],
        ["Ingress disabled", withIngress({ enabled: false })],
        ["no host", notes({ database: { host: DB_HOST } })],
      ] as const) {
        expect({ label, warned: WARNING.test(text) }).toEqual({ label, warned: false });
      }
    });
  });

  test("a generated SECRET_KEY: back it up, and GitOps must bring its own", () => {
    expect(notes({ database: { host: DB_HOST } })).toMatch(
      /generated SECRET_KEY into Secret demo-mathesar-secret-key[\s\S]*set secretKey\.existingSecret/,
    );
    expect(notes({ database: { host: DB_HOST }, secretKey: { existingSecret: "sk" } })).not.toContain(
      "generated SECRET_KEY",
    );
  });
});
