/** A failure the caller must branch on (becomes a GraphQL userError or a 422 control reply). */
export interface DomainError {
  readonly field: string[] | null;
  readonly message: string;
  readonly code: string;
}

export type DomainResult<T> = { ok: true; value: T } | { ok: false; errors: DomainError[] };

export function ok<T>(value: T): DomainResult<T> {
  return { ok: true, value };
}

export function fail<T>(errors: DomainError[]): DomainResult<T> {
  return { ok: false, errors };
}

export function domainError(code: string, message: string, field: string[] | null = null): DomainError {
  return { code, message, field };
}
