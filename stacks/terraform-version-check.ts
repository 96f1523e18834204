/**
 * One `terraform version` per synth instead of one per resource that needs it.
 *
 * cdktf validates the Terraform binary for every construct with a minimum version (each `terraform_data`
 * resource, i.e. every deletion guard, asks for >= 1.4): at `app.synth()` each of those validations spawns a
 * shell running `terraform version`. Synthesizing every target ran seven identical checks, the largest
 * single cost of `npm run synth` (measured by `npm run bench`, 0.1-0.25 s per spawn). This runs each distinct
 * check (same command, constraint and hint) once per process and hands every later caller the same messages,
 * so what passes, what fails and what the error says are unchanged. It patches cdktf's validation class for
 * the app (main.ts, the benchmark, the tests load it through stacks/targets.ts), not for library users.
 */
import { ValidateBinaryVersion } from "cdktf/lib/validations/validate-binary-version";

/** The fields cdktf's check keeps (protected in its typings). */
interface CheckFields {
  readonly versionCommand: string;
  readonly versionConstraint: string;
  readonly hint?: string;
}

const INSTALLED = Symbol.for("mathesar.terraformVersionCheckOnce");
type Patched = typeof ValidateBinaryVersion.prototype & { [INSTALLED]?: true };

/** Makes every `ValidateBinaryVersion` (cdktf's Terraform version checks included) run once per distinct check. */
export function checkBinaryVersionsOnce(): void {
  const prototype = ValidateBinaryVersion.prototype as Patched;
  if (prototype[INSTALLED]) return;
  const validate = prototype.validate;
  const results = new Map<string, string[]>();
  prototype.validate = function (this: ValidateBinaryVersion): string[] {
    const { versionCommand, versionConstraint, hint } = this as unknown as CheckFields;
    const key = JSON.stringify([versionCommand, versionConstraint, hint ?? null]);
    let messages = results.get(key);
    if (messages === undefined) {
      messages = validate.call(this);
      results.set(key, messages);
    }
    return [...messages];
  };
  prototype[INSTALLED] = true;
}
