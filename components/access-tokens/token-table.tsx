import { LocalTime } from "@/components/appointments/local-time";
import type { AccessTokenDto } from "@/lib/access-tokens/dtos";
import { RevokeTokenForm } from "./revoke-token-form";

const STATE_BADGE: Record<AccessTokenDto["state"], { label: string; classes: string }> = {
  ACTIVE: { label: "Active", classes: "bg-emerald-100 text-emerald-800" },
  EXPIRED: { label: "Expired", classes: "bg-slate-100 text-slate-700" },
  REVOKED: { label: "Revoked", classes: "bg-red-100 text-red-800" },
};

/** The user's tokens: name, scopes, when made, last used, expiry, and revoke for the live ones. */
export function TokenTable({ tokens }: { tokens: AccessTokenDto[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="text-slate-500">
          <tr>
            {["Name", "Scopes", "State", "Created", "Last used", "Expires", ""].map((heading, index) => (
              <th key={index} scope="col" className="py-2 pr-4 font-medium">
                {heading || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {tokens.map((token) => (
            <tr key={token.id}>
              <td className="py-3 pr-4 font-medium text-slate-900">{token.name}</td>
              <td className="py-3 pr-4">
                <span className="flex flex-wrap gap-1">
                  {token.scopes.map((scope) => (
                    <code key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                      {scope}
                    </code>
                  ))}
                </span>
              </td>
              <td className="py-3 pr-4">
                <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${STATE_BADGE[token.state].classes}`}>{STATE_BADGE[token.state].label}</span>
              </td>
              <td className="py-3 pr-4 text-slate-700">
                <LocalTime startsAt={token.createdAt.toISOString()} />
              </td>
              <td className="py-3 pr-4 text-slate-700">{token.lastUsedAt ? <LocalTime startsAt={token.lastUsedAt.toISOString()} /> : "Never"}</td>
              <td className="py-3 pr-4 text-slate-700">
                <LocalTime startsAt={token.expiresAt.toISOString()} />
              </td>
              <td className="py-3 text-right">{token.state === "ACTIVE" ? <RevokeTokenForm tokenId={token.id} tokenName={token.name} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
