/**
 * Cloudron's single sign-on (the OIDC addon) as Mathesar's `SSO_CONFIG_DICT`, in the schema version 2 that
 * Mathesar 0.11.0 reads (`config/sso_config.py`): an `oidc` provider needs `provider_name`, `client_id`,
 * `secret` and `server_url` (the issuer; allauth reads its discovery document), or Mathesar skips it.
 */

/** The provider's key: Mathesar lower-cases `provider_name` into its callback path. */
export const CLOUDRON_SSO_PROVIDER = "cloudron";

/** The callback Mathesar (django-allauth's openid_connect provider) answers for that key. */
export const CLOUDRON_OIDC_CALLBACK_PATH = `/auth/oidc/${CLOUDRON_SSO_PROVIDER}/login/callback/`;

/** The OIDC addon's variables the package reads. */
export const CLOUDRON_OIDC_ENV = {
  issuer: "CLOUDRON_OIDC_ISSUER",
  clientId: "CLOUDRON_OIDC_CLIENT_ID",
  clientSecret: "CLOUDRON_OIDC_CLIENT_SECRET",
} as const;

/**
 * Python that prints the SSO_CONFIG_DICT JSON from the addon's variables at start (so the client secret is
 * never written anywhere but the process environment, and JSON quoting is done by a JSON encoder).
 */
export const CLOUDRON_SSO_CONFIG_PYTHON = [
  "import json, os",
  "print(json.dumps({",
  '    "version": 2,',
  `    "providers": {"${CLOUDRON_SSO_PROVIDER}": {`,
  '        "type": "oidc",',
  `        "provider_name": "${CLOUDRON_SSO_PROVIDER}",`,
  `        "server_url": os.environ["${CLOUDRON_OIDC_ENV.issuer}"],`,
  `        "client_id": os.environ["${CLOUDRON_OIDC_ENV.clientId}"],`,
  `        "secret": os.environ["${CLOUDRON_OIDC_ENV.clientSecret}"],`,
  "    }},",
  "}))",
].join("\n");
