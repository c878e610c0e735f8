import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreateTokenForm } from "@/components/access-tokens/create-token-form";
import { TokenTable } from "@/components/access-tokens/token-table";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { listAccessTokens } from "@/lib/access-tokens/list-tokens";
import { requireUser } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";

export const metadata: Metadata = { title: "API tokens" };

export default async function AccessTokensPage() {
  const actor = await requireUser();
  const result = await listAccessTokens(actor, await requestContext());
  if (!result.ok && result.error.code === "UNAUTHENTICATED") redirect("/login");
  return (
    <>
      <PageHeading
        title="API tokens"
        description={
          <>
            Personal access tokens let an app you trust read your records through our FHIR R4 API at <code className="font-mono text-sm">/fhir/R4</code>. Each token
            can only read what you can, limited further by the scopes you choose, and lasts at most 90 days.
          </>
        }
      />
      {!result.ok ? (
        <Alert tone="info">API tokens are for patients and verified doctors. Administrators read records through the admin pages only.</Alert>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <Card title="Your tokens" description="Revoke a token you no longer use or that may have leaked: the next request made with it is refused.">
              {result.value.tokens.length === 0 ? <EmptyState title="No tokens yet">Create one to connect a health app.</EmptyState> : <TokenTable tokens={result.value.tokens} />}
            </Card>
          </div>
          <Card title="Create a token" description="Send it as Authorization: Bearer <token>. Never share it like a password.">
            <CreateTokenForm availableScopes={result.value.availableScopes} />
          </Card>
        </div>
      )}
    </>
  );
}
