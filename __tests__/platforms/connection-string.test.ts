/** The TypeScript connection-string parser against every vector (the wrapper's test runs the same ones). */
import { MathesarInputError } from "../../modules/mathesar";
import { connectionEnvironment, parseConnectionString } from "../../modules/platforms";
import { CONNECTION_VECTORS } from "./connection-vectors";

describe("parseConnectionString", () => {
  test.each(CONNECTION_VECTORS.filter((v) => v.env).map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const parts = parseConnectionString(vector.url, { allowInsecure: vector.allowInsecure });
    expect(connectionEnvironment(parts)).toEqual(vector.env);
  });

  test.each(CONNECTION_VECTORS.filter((v) => v.error).map((v) => [v.name, v] as const))(
    "refuses: %s",
    (_name, vector) => {
      expect(() => parseConnectionString(vector.url)).toThrow(MathesarInputError);
      expect(() => parseConnectionString(vector.url)).toThrow(vector.error!);
    },
  );

  test("never repeats the password in an error", () => {
    for (const url of [
      "postgres://u:hunter2-secret@h:99999/app",
      "postgres://u:hunter2-secret@h/app?sslmode=disable",
    ]) {
      expect(() => parseConnectionString(url)).toThrow(/Invalid database connection string/);
      try {
        parseConnectionString(url);
      } catch (error) {
        expect(String(error)).not.toContain("hunter2");
      }
    }
  });

  test("refuses null and non-strings like an empty string", () => {
    expect(() => parseConnectionString(null as unknown as string)).toThrow(/it is empty/);
    expect(() => parseConnectionString(42 as unknown as string)).toThrow(/it is empty/);
  });
});
