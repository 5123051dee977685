/** The little of node-bigcommerce (CommonJS, no bundled types) that the client test uses. */
declare module "node-bigcommerce" {
  import type { Agent } from "node:https";

  interface BigCommerceConfig {
    clientId?: string;
    accessToken: string;
    storeHash: string;
    responseType?: "json" | "xml";
    apiVersion?: "v2" | "v3";
    agent?: Agent;
    headers?: Record<string, string>;
    failOnLimitReached?: boolean;
  }

  export default class BigCommerce {
    constructor(config: BigCommerceConfig);
    get(path: string): Promise<unknown>;
    post(path: string, data?: unknown): Promise<unknown>;
    put(path: string, data?: unknown): Promise<unknown>;
    delete(path: string): Promise<unknown>;
  }
}
