import { isIP } from "node:net";
import { Agent, buildConnector, type RequestInit as UndiciRequestInit, fetch as undiciFetch } from "undici";
import {
  AddressNotAllowedError,
  checkAddress,
  guardedLookup,
  type HostResolver,
  systemResolver,
} from "./guarded-lookup.ts";

/** The part of `fetch` outbound callers use; a plain `fetch` fits it too (tests inject one). */
export type OutboundFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export type GuardedFetchOptions = {
  /** Dial private, loopback and reserved addresses too (sandboxes, tests on 127.0.0.1). */
  allowPrivate: boolean;
  /** Where host names are looked up; default the system resolver. */
  resolveHost?: HostResolver | undefined;
};

/** One agent per resolver and mode, so connections are pooled across clients as with global fetch. */
const agents = new WeakMap<HostResolver, Map<boolean, Agent>>();

function agentFor(resolve: HostResolver, allowPrivate: boolean): Agent {
  const byMode = agents.get(resolve) ?? new Map<boolean, Agent>();
  agents.set(resolve, byMode);
  let agent = byMode.get(allowPrivate);
  if (!agent) {
    const connect = buildConnector({ lookup: guardedLookup(resolve, allowPrivate) });
    agent = new Agent({
      connect(options, callback) {
        // A literal IP never reaches the lookup (net.connect dials it directly): check it here.
        if (isIP(options.hostname) !== 0) {
          try {
            checkAddress(options.hostname, options.hostname, allowPrivate);
          } catch (error) {
            callback(error as Error, null);
            return;
          }
        }
        connect(options, callback);
      },
    });
    byMode.set(allowPrivate, agent);
  }
  return agent;
}

/**
 * `fetch` that only connects to addresses the SSRF guard checked after DNS (see guardedLookup),
 * whatever the URL says — literal IPs included. Redirects are never followed: the caller sees the
 * 3xx, so a public host cannot bounce the hub to a private one.
 */
export function guardedFetch(options: GuardedFetchOptions): OutboundFetch {
  const dispatcher = agentFor(options.resolveHost ?? systemResolver, options.allowPrivate);
  return async (url, init) => {
    const response = await undiciFetch(url, {
      ...(init as UndiciRequestInit),
      redirect: "manual",
      dispatcher,
    });
    return response as unknown as Response;
  };
}

/**
 * What a merchant may read about a call that got no answer. A guard refusal says the address is
 * not allowed; everything else — refused, reset, unreachable, timed out, unknown name — is one
 * message, so error text cannot map which ports listen behind the hub.
 */
export function describeOutboundFailure(error: unknown): { refused: boolean; message: string } {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof AddressNotAllowedError) return { refused: true, message: cause.message };
  }
  return { refused: false, message: "could not reach the host" };
}
