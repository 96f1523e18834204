/**
 * One name per setting: each root variable (and each attribute of existing_database) is the snake_case of
 * the prop it is bound to, or a documented exception; defaults come from K8S_DEFAULTS in both flavours.
 */
import {
  K8S_DEFAULTS,
  KUBERNETES_NAME_EXCEPTIONS,
  KUBERNETES_SETTINGS,
  mathesarChartValues,
  snakeCaseOf,
} from "../../modules/kubernetes";
import { renderKubernetesModule } from "../support/synth";

/** Every name and the snake_case it should be: variables, and the attributes of object variables. */
const names = Object.entries(KUBERNETES_SETTINGS).flatMap(([name, setting]) => [
  { name, expected: snakeCaseOf(setting.prop) },
  ...Object.entries(setting.fields ?? {}).map(([key, field]) => ({
    name: `${name}.${field.attribute}`,
    expected: `${name}.${snakeCaseOf(key)}`,
  })),
]);

test("every name is its prop's snake_case, or an exception with a reason", () => {
  const mismatched = names.filter(({ name, expected }) => name !== expected).map(({ name }) => name);
  expect(mismatched.sort()).toEqual(Object.keys(KUBERNETES_NAME_EXCEPTIONS).sort());
  for (const reason of Object.values(KUBERNETES_NAME_EXCEPTIONS)) expect(reason.length).toBeGreaterThan(20);
});

test("snakeCaseOf", () => {
  expect(snakeCaseOf("ingress.controllerNamespace")).toBe("ingress_controller_namespace");
  expect(snakeCaseOf("database.existing.caCertificate.configMapName")).toBe(
    "database_existing_ca_certificate_config_map_name",
  );
});

test("the module's defaults are the construct's (K8S_DEFAULTS), in the variables and in existing_database's type", () => {
  const variables = renderKubernetesModule().modules[""].variable as Record<
    string,
    { default?: unknown; type: string }
  >;
  expect(variables.namespace.default).toBe(K8S_DEFAULTS.namespace);
  expect(variables.replicas.default).toBe(K8S_DEFAULTS.replicas);
  expect(variables.persistence_size.default).toBe(K8S_DEFAULTS.persistenceSize);
  expect(variables.deletion_protection.default).toBe(true);
  expect(variables.sso_key.default).toBe(K8S_DEFAULTS.ssoKey);
  expect(variables.existing_database.type).toContain(`port = optional(number, ${K8S_DEFAULTS.databasePort})`);
  expect(variables.existing_database.type).toContain(`sslmode = optional(string, "${K8S_DEFAULTS.sslMode}")`);
  // The construct's values for left-out props read the same table.
  const values = mathesarChartValues({ database: { existing: { host: "db", passwordSecretName: "s" } } });
  expect(values).toMatchObject({
    replicaCount: K8S_DEFAULTS.replicas,
    persistence: { size: K8S_DEFAULTS.persistenceSize },
    database: { port: K8S_DEFAULTS.databasePort, sslMode: K8S_DEFAULTS.sslMode },
  });
});
