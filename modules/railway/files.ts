/** Railway's generated files: config-as-code, the Dockerfile it builds, and the template definition. */
import { platformDockerfile, resolvePlatformProps, type PlatformProps } from "../platforms";
import { RAILWAY_CONFIG_PATH, RAILWAY_DIR, RAILWAY_DOCKERFILE_PATH, railwayConfig } from "./config";
import { RAILWAY_RULES } from "./inputs";
import { railwayTemplate } from "./template";

/** The template definition's path. */
export const RAILWAY_TEMPLATE_PATH = `${RAILWAY_DIR}/template.json`;

/** Every Railway file for `props` (defaults when empty); throws on bad props. */
export function railwayFiles(props: PlatformProps = {}): Record<string, string> {
  const resolved = resolvePlatformProps(props, RAILWAY_RULES);
  return {
    [RAILWAY_CONFIG_PATH]: `${JSON.stringify(railwayConfig(resolved), null, 2)}\n`,
    [RAILWAY_DOCKERFILE_PATH]: platformDockerfile(resolved.mathesarVersion, "Railway", resolved.imageRepository),
    [RAILWAY_TEMPLATE_PATH]: `${JSON.stringify(railwayTemplate(resolved), null, 2)}\n`,
  };
}
