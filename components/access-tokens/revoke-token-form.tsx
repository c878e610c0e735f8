"use client";

import { revokeAccessTokenAction } from "@/app/account/actions";
import { ConfirmDialogForm } from "@/components/ui/confirm-dialog-form";

export function RevokeTokenForm({ tokenId, tokenName }: { tokenId: string; tokenName: string }) {
  return (
    <ConfirmDialogForm
      action={revokeAccessTokenAction}
      hidden={{ tokenId }}
      triggerLabel="Revoke"
      triggerContext={tokenName}
      variant="danger"
      title={`Revoke “${tokenName}”?`}
      description="Anything using this token loses access on its next request. This cannot be undone."
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
    />
  );
}
