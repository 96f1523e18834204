/** Provider versions of the Google Cloud target: declared with the blocks (modules/google/providers.ts). */
export { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "../../modules/google/providers";
