import { BaseError, ContractFunctionRevertedError } from "viem";

/** The contract's custom error name behind a failed call or estimate, or null for anything else (network, gas). */
export function revertName(error: unknown): string | null {
  if (!(error instanceof BaseError)) return null;
  const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? (reverted.data?.errorName ?? reverted.reason ?? "reverted") : null;
}

/** Broadcast answers that mean "this exact transaction (or its nonce) is already in": settle, don't fail. */
export function isAlreadyKnown(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as BaseError).details ?? ""}` : String(error);
  return /already known|known transaction|nonce too low|replacement transaction underpriced|already imported/i.test(text);
}
