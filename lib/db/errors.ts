/**
 * Maps database constraint violations to domain meaning by SQLSTATE, never by message text.
 * Through the pg driver adapter, Prisma surfaces them as P2002 (unique) or P2039 with the original
 * driver error under `meta.driverAdapterError.cause`.
 */
export type ConstraintViolation = "UNIQUE" | "EXCLUSION" | "FOREIGN_KEY" | "CHECK";

const sqlStateToViolation: Record<string, ConstraintViolation> = {
  "23505": "UNIQUE",
  "23P01": "EXCLUSION",
  "23503": "FOREIGN_KEY",
  "23514": "CHECK",
};

function findSqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const candidate = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown; kind?: unknown } } }; cause?: unknown };
  if (typeof candidate.code === "string" && candidate.code in sqlStateToViolation) return candidate.code;
  const adapterCause = candidate.meta?.driverAdapterError?.cause;
  if (adapterCause) {
    if (typeof adapterCause.originalCode === "string") return adapterCause.originalCode;
    if (typeof adapterCause.code === "string") return adapterCause.code;
    if (adapterCause.kind === "UniqueConstraintViolation") return "23505";
  }
  if (candidate.code === "P2002") return "23505";
  return candidate.cause ? findSqlState(candidate.cause) : undefined;
}

/** The kind of constraint the error violated, or undefined when it is not a constraint violation. */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  const state = findSqlState(error);
  return state ? sqlStateToViolation[state] : undefined;
}
