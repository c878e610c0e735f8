import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { UserStatusBadge, VerificationBadge } from "@/components/admin/badge";
import { ROLE_LABEL } from "@/components/admin/format";
import { Pagination } from "@/components/ui/pagination";
import { Cell, RowHeader, Table } from "@/components/admin/table";
import { UtcTime } from "@/components/admin/utc-time";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState, PageHeading } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import type { Role } from "@/lib/users/dtos";
import { searchUsers } from "@/lib/users/search-users";

export const metadata: Metadata = { title: "Users" };

const ROLES = Object.keys(ROLE_LABEL) as Role[];
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminWithMfa();
  const params = await searchParams;
  const query = one(params.q)?.trim() || undefined;
  const role = ROLES.find((r) => r === one(params.role));
  const result = await searchUsers(await currentActor(), { query, role, page: one(params.page) });
  if (!result.ok) return <Alert tone="error">{result.error.message}</Alert>;
  const { items, ...paging } = result.value;
  const filtered = Boolean(query || role);

  return (
    <>
      <PageHeading title="Users" description="Every account: patients, doctors and administrators." />
      <Form action="/admin/users" role="search" aria-label="Search users" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField label="Search by name or email" name="q" type="search" defaultValue={query} />
        </div>
        <div className="w-48">
          <SelectField label="Role" name="role" defaultValue={role ?? ""}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </SelectField>
        </div>
        <button type="submit" className={buttonClasses("secondary")}>
          Search
        </button>
        {filtered ? (
          <Link href="/admin/users" className={buttonClasses("ghost")}>
            Clear filters
          </Link>
        ) : null}
      </Form>

      {items.length === 0 ? (
        <EmptyState title={filtered ? "No users match these filters." : "No users yet."}>{filtered ? "Try part of the name or email, or another role." : null}</EmptyState>
      ) : (
        <>
          <Table caption={filtered ? "Users matching the search, newest first" : "All users, newest first"} columns={["Name", "Email", "Role", "Account", "Created"]}>
            {items.map((user) => (
              <tr key={user.id} className="hover:bg-slate-50">
                <RowHeader>
                  {user.role === "DOCTOR" ? (
                    <Link href={`/admin/doctors/${user.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {user.name}
                    </Link>
                  ) : (
                    user.name
                  )}
                </RowHeader>
                <Cell>{user.email}</Cell>
                <Cell nowrap>
                  {ROLE_LABEL[user.role]}
                  {user.doctorVerification ? (
                    <span className="ml-2">
                      <VerificationBadge state={user.doctorVerification} />
                    </span>
                  ) : null}
                </Cell>
                <Cell>
                  <UserStatusBadge status={user.status} />
                </Cell>
                <Cell nowrap>
                  <UtcTime value={user.createdAt} />
                </Cell>
              </tr>
            ))}
          </Table>
          <Pagination {...paging} basePath="/admin/users" params={{ q: query, role }} noun="users" />
        </>
      )}
    </>
  );
}
