/** Authorization matrix entries: Administrators: doctor decisions and facilities (app/admin). See index.ts for what the matrix is. */
import { decideDoctor } from "@/lib/doctors/decide-doctor";
import { createFacility } from "@/lib/facilities/create-facility";
import { setFacilityActive } from "@/lib/facilities/set-facility-active";
import { updateFacility } from "@/lib/facilities/update-facility";
import { ADMIN_ONLY } from "./matrix-types";
import type { MatrixEntry } from "./matrix-types";

export const ADMIN_MATRIX: MatrixEntry[] = [
  // app/admin/doctors/actions.ts
  {
    kind: "action",
    file: "app/admin/doctors/actions.ts",
    export: "decideDoctorAction",
    service: decideDoctor,
    rule: "doctor.decide",
    call: async (actor, fx) => decideDoctor(actor, { doctorId: await fx.pendingApplication(), decision: "VERIFY" }, fx.context),
    expected: ADMIN_ONLY,
  },
  // app/admin/facilities/actions.ts
  {
    kind: "action",
    file: "app/admin/facilities/actions.ts",
    export: "createFacilityAction",
    service: createFacility,
    rule: "facility.manage",
    call: async (actor, fx) => {
      const result = await createFacility(actor, { name: fx.unique("Matrix Clinic"), city: "Leeds", address: "1 Test Street" }, fx.context);
      if (result.ok) fx.track({ facilityId: result.value.facilityId });
      return result;
    },
    expected: ADMIN_ONLY,
  },
  {
    kind: "action",
    file: "app/admin/facilities/actions.ts",
    export: "updateFacilityAction",
    service: updateFacility,
    rule: "facility.manage",
    call: async (actor, fx) => updateFacility(actor, { facilityId: await fx.facility(), name: fx.unique("Matrix Renamed"), city: "York", address: "" }, fx.context),
    expected: ADMIN_ONLY,
  },
  {
    kind: "action",
    file: "app/admin/facilities/actions.ts",
    export: "setFacilityActiveAction",
    service: setFacilityActive,
    rule: "facility.manage",
    call: async (actor, fx) => setFacilityActive(actor, { facilityId: await fx.facility(), active: "false" }, fx.context),
    expected: ADMIN_ONLY,
  },
];
