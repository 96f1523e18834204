/** The AWS modules' provider requirements live with the blocks (modules/aws/module-providers.ts). */
export { AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM } from "../../modules/aws/module-providers";
