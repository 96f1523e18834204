/**
 * Connection strings, friendly and hostile, with what Mathesar must get from each: the TypeScript parser
 * and the start wrapper's Python are both run against every one of them, so the two cannot drift apart.
 */

/** One case: the string, whether a weak sslmode is allowed, and the expected variables or error. */
export interface ConnectionVector {
  readonly name: string;
  readonly url: string;
  readonly allowInsecure?: boolean;
  readonly env?: Readonly<Record<string, string>>;
  readonly error?: RegExp;
}

const base = { POSTGRES_PORT: "5432", POSTGRES_SSLMODE: "require", PGSSLMODE: "require" };

/** Every case. */
export const CONNECTION_VECTORS: readonly ConnectionVector[] = [
  {
    name: "Heroku-style URL without sslmode: require",
    url: "postgres://u1abc:pw@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8xyz",
    env: {
      ...base,
      POSTGRES_HOST: "ec2-1-2-3-4.compute-1.amazonaws.com",
      POSTGRES_DB: "d8xyz",
      POSTGRES_USER: "u1abc",
      POSTGRES_PASSWORD: "pw",
    },
  },
  {
    name: "postgresql:// scheme, default port",
    url: "postgresql://mathesar:secret@db.internal/mathesar",
    env: {
      ...base,
      POSTGRES_HOST: "db.internal",
      POSTGRES_DB: "mathesar",
      POSTGRES_USER: "mathesar",
      POSTGRES_PASSWORD: "secret",
    },
  },
  {
    name: "percent-encoded password with @ : / ? # % and a space",
    url: "postgres://app:p%40ss%3Aw%2Fo%3Fr%23d%25%20x@db.example.org:6543/app_db?sslmode=require",
    env: {
      ...base,
      POSTGRES_PORT: "6543",
      POSTGRES_HOST: "db.example.org",
      POSTGRES_DB: "app_db",
      POSTGRES_USER: "app",
      POSTGRES_PASSWORD: "p@ss:w/o?r#d% x",
    },
  },
  {
    name: "raw ':' inside the password is kept (only the first ':' separates)",
    url: "postgres://app:a:b:c@db.example.org/app",
    env: {
      ...base,
      POSTGRES_HOST: "db.example.org",
      POSTGRES_DB: "app",
      POSTGRES_USER: "app",
      POSTGRES_PASSWORD: "a:b:c",
    },
  },
  {
    name: "percent-encoded UTF-8 user and database, and a pooler login with a dot",
    url: "postgres://mathesar.abcdefghij:pw@aws-0-eu.pooler.supabase.com:6543/caf%C3%A9",
    env: {
      ...base,
      POSTGRES_PORT: "6543",
      POSTGRES_HOST: "aws-0-eu.pooler.supabase.com",
      POSTGRES_DB: "café",
      POSTGRES_USER: "mathesar.abcdefghij",
      POSTGRES_PASSWORD: "pw",
    },
  },
  {
    name: "IPv6 literal host",
    url: "postgres://u:p@[fdaa:0:1:a7b::2]:5433/db?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem",
    env: {
      POSTGRES_HOST: "fdaa:0:1:a7b::2",
      POSTGRES_PORT: "5433",
      POSTGRES_DB: "db",
      POSTGRES_USER: "u",
      POSTGRES_PASSWORD: "p",
      POSTGRES_SSLMODE: "verify-full",
      PGSSLMODE: "verify-full",
      PGSSLROOTCERT: "/etc/ssl/ca.pem",
    },
  },
  {
    name: "no password at all",
    url: "postgres://reader@db.example.org/app",
    env: {
      ...base,
      POSTGRES_HOST: "db.example.org",
      POSTGRES_DB: "app",
      POSTGRES_USER: "reader",
      POSTGRES_PASSWORD: "",
    },
  },
  {
    name: "sslmode=disable allowed only when asked (a private, encrypted network)",
    url: "postgres://u:p@my-db.flycast:5432/db?sslmode=disable",
    allowInsecure: true,
    env: {
      POSTGRES_HOST: "my-db.flycast",
      POSTGRES_PORT: "5432",
      POSTGRES_DB: "db",
      POSTGRES_USER: "u",
      POSTGRES_PASSWORD: "p",
      POSTGRES_SSLMODE: "disable",
      PGSSLMODE: "disable",
    },
  },
  { name: "empty", url: "", error: /it is empty/ },
  { name: "only spaces", url: "   ", error: /it is empty/ },
  { name: "another scheme", url: "mysql://u:p@h/db", error: /must start with "postgres:\/\/"/ },
  { name: "no host", url: "postgres://u:p@/db", error: /no host \(POSTGRES_HOST\)/ },
  { name: "no user", url: "postgres://db.example.org/app", error: /no user \(POSTGRES_USER\)/ },
  { name: "empty user before the password", url: "postgres://:p@db.example.org/app", error: /no user/ },
  { name: "no database", url: "postgres://u:p@db.example.org:5432", error: /no database name \(POSTGRES_DB\)/ },
  { name: "empty database after the slash", url: "postgres://u:p@db.example.org/", error: /no database name/ },
  { name: "raw @ in the password", url: "postgres://u:p@ss@db.example.org/app", error: /percent-encode "@"/ },
  {
    name: "raw / in the password",
    url: "postgres://u:p/ss@db.example.org/app",
    error: /does not parse|no user|no database/,
  },
  { name: "a fragment", url: "postgres://u:p@db.example.org/app#x", error: /does not parse/ },
  { name: "several hosts", url: "postgres://u:p@h1,h2/app", error: /does not parse/ },
  { name: "port not a number", url: "postgres://u:p@h:abc/app", error: /port "abc" is not a whole number/ },
  { name: "port zero", url: "postgres://u:p@h:0/app", error: /port "0" is not a whole number from 1 to 65535/ },
  { name: "port too large", url: "postgres://u:p@h:65536/app", error: /port "65536"/ },
  {
    name: "sslmode=disable not asked for",
    url: "postgres://u:p@h/app?sslmode=disable",
    error: /sslmode "disable" may send the password/,
  },
  {
    name: "sslmode=prefer (downgradable)",
    url: "postgres://u:p@h/app?sslmode=prefer",
    error: /sslmode "prefer" may send/,
  },
  { name: "sslmode=allow", url: "postgres://u:p@h/app?sslmode=allow", error: /sslmode "allow" may send/ },
  { name: "unknown sslmode", url: "postgres://u:p@h/app?sslmode=required", error: /sslmode "required" is not one of/ },
  { name: "empty sslmode", url: "postgres://u:p@h/app?sslmode=", error: /sslmode "" is not one of/ },
  {
    name: "verify-full without a CA file",
    url: "postgres://u:p@h/app?sslmode=verify-full",
    error: /needs sslrootcert/,
  },
  {
    name: "sslmode twice",
    url: "postgres://u:p@h/app?sslmode=require&sslmode=disable",
    error: /"sslmode" is given twice/,
  },
  { name: "unknown parameter", url: "postgres://u:p@h/app?host=/tmp", error: /parameter "host" is not supported/ },
  { name: "bad percent-encoding", url: "postgres://u:p%zz@h/app", error: /"%" that is not followed by two hex digits/ },
  {
    name: "an IPv6 host without brackets",
    url: "postgres://u:p@fdaa:0:1:a7b::2/db",
    error: /looks like an IPv6 address without brackets/,
  },
  {
    name: "a NUL byte in the user (cannot travel in an environment variable)",
    url: "postgres://u%00:p@h/db",
    error: /the user contains a control character/,
  },
  {
    name: "a newline in the database name",
    url: "postgres://u:p@h/db\n",
    error: /the database name contains a control character/,
  },
  {
    name: "a percent-encoded newline in the password",
    url: "postgres://u:p%0A@h/db",
    error: /the password contains a control character/,
  },
  {
    name: "uppercase sslmode (libpq is case-sensitive)",
    url: "postgres://u:p@h/db?sslmode=REQUIRE",
    error: /sslmode "REQUIRE" is not one of/,
  },
  { name: "not a URL at all: latest", url: "latest", error: /must start with "postgres:\/\/"/ },
  {
    name: "percent-encoded bytes that are not UTF-8",
    url: "postgres://u:p%ff@h/app",
    error: /not percent-encoded UTF-8/,
  },
];
