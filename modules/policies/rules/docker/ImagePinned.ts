/** Every image a Docker host pulls is pinned to a tag other than latest, or to a digest. */
import { isPinnedImage } from "../../../compose/images";
import { findingsFor, isExpression, literalString, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "DOCKER_IMAGE_PINNED";

/** `DOCKER_IMAGE_PINNED`: a `docker_image`'s `name` has a tag other than `latest`, or a digest. */
export const ImagePinned: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["docker_image"],
  description: "A docker_image name has no tag, the tag latest, or is not an image reference.",
  explanation:
    "An unpinned image changes under the deployment: the next pull (a new host, a replaced container) runs " +
    "another release of Mathesar, PostgreSQL or Caddy than the one tested, and Mathesar's migrations run " +
    "against your data unannounced. A tag names a release; a digest makes the pull immutable.",
  remediation: 'Name a released tag ("docker.io/library/postgres:17.6") or add its digest ("...@sha256:...").',
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    return resourcesOf(config, "docker_image").map((image) => {
      const name = literalString(image.body.name);
      if (name === undefined) {
        return isExpression(image.body.name)
          ? result.notApplicable(
              image.address,
              "its name is a Terraform expression (checked by the module's validations).",
            )
          : result.nonCompliant(image.address, "names no image.");
      }
      return isPinnedImage(name)
        ? result.compliant(image.address, `${name} is pinned.`)
        : result.nonCompliant(image.address, `${name} is not pinned to a tag other than latest or a digest.`);
    });
  },
};
