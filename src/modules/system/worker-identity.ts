import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Names this process in probes and logs: host, pid and a random suffix (pids repeat across hosts). */
export const workerIdentity = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
