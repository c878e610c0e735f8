import type { ReactNode } from "react";
import { requireAdminWithMfa } from "@/lib/auth/current-actor";

/** Comfort only: every page and service of this segment checks the actor again itself. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdminWithMfa();
  return children;
}
