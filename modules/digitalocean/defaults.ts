/**
 * The DigitalOcean target's defaults, in one object: the composite applies them to absent props and the
 * root module's variables declare them as their `default`s (settings.ts), so the two cannot differ.
 */
import { CONTRACT_DEFAULTS, DEFAULT_MATHESAR_VERSION, DEFAULT_SIZE, MATHESAR_IMAGE_REPOSITORY } from "../mathesar";
import { DEFAULT_DO_REGION } from "./catalog";

/** Every default of `MathesarOnDigitalOceanProps`. */
export const DO_DEFAULTS = {
  name: CONTRACT_DEFAULTS.name,
  region: DEFAULT_DO_REGION as string,
  size: DEFAULT_SIZE,
  mathesarVersion: DEFAULT_MATHESAR_VERSION,
  imageRepository: MATHESAR_IMAGE_REPOSITORY,
  databaseVersion: CONTRACT_DEFAULTS.databaseVersion as number,
  databaseHighAvailability: false,
  databaseSslMode: "require" as "require" | "verify-ca" | "verify-full",
  deletionProtection: true,
  adminEnabled: true,
  adminUsername: CONTRACT_DEFAULTS.adminUsername as string,
  adminEmail: CONTRACT_DEFAULTS.adminEmail as string,
  requireSsoLogin: false,
  ignoreEnvChanges: false,
} as const;
