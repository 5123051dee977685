/** A control call that cannot be done; `status` is what the HTTP control routes answer. */
export class SandboxControlError extends Error {
  constructor(
    readonly code: "not_found" | "invalid_data",
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "SandboxControlError";
  }

  get status(): number {
    return this.code === "not_found" ? 404 : 422;
  }
}

export function notFound(what: string): SandboxControlError {
  return new SandboxControlError("not_found", `${what} not found`);
}
