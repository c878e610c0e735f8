import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/current-actor";

/** Comfort only: every page and service of this segment checks the actor again itself. */
export default async function PatientLayout({ children }: { children: ReactNode }) {
  await requireRole("PATIENT");
  return children;
}
