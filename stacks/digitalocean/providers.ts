/** Provider requirements of the published DigitalOcean modules (defined with the blocks that need them). */
export { DO_MODULE_PROVIDERS } from "../../modules/digitalocean/module-providers";
