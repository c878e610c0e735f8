import type { Metadata } from "next";
import { DoctorApplicationForm } from "@/components/auth/doctor-application-form";
import { JURISDICTION_CODES, LICENSE_JURISDICTIONS, SPECIALTIES } from "@/lib/accounts/license-rules";
import { listActiveFacilities } from "@/lib/facilities/list-active-facilities";

export const metadata: Metadata = { title: "Apply as a doctor" };
export const dynamic = "force-dynamic";

export default async function DoctorApplicationPage() {
  const facilities = await listActiveFacilities();
  const jurisdictions = JURISDICTION_CODES.map((code) => ({ code, label: LICENSE_JURISDICTIONS[code].label, example: LICENSE_JURISDICTIONS[code].example }));
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold tracking-tight">Apply as a doctor</h1>
      <p className="mt-2 text-slate-600">An administrator checks your license before patients can find and book you. You can sign in meanwhile to follow your application.</p>
      <div className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <DoctorApplicationForm facilities={facilities} specialties={[...SPECIALTIES]} jurisdictions={jurisdictions} timeZones={Intl.supportedValuesOf("timeZone")} />
      </div>
    </div>
  );
}
