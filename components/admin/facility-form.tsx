"use client";

import { useActionState, useEffect, useRef } from "react";
import { createFacilityAction, updateFacilityAction } from "@/app/admin/facilities/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";

interface Props {
  /** Absent for a new facility. */
  facility?: { id: string; name: string; city: string; address: string };
}

/** Create or edit a facility's name, city and address. */
export function FacilityForm({ facility }: Props) {
  const [state, formAction] = useActionState(facility ? updateFacilityAction : createFacilityAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const idPrefix = facility ? "edit-facility" : "new-facility";
  const formRef = useRef<HTMLFormElement>(null);

  // The submit button is disabled while saving, which drops focus; send it to the first field to fix.
  useEffect(() => {
    if (state.status === "error") formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="space-y-5" noValidate>
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {facility ? <input type="hidden" name="facilityId" value={facility.id} /> : null}
      <TextField id={`${idPrefix}-name`} label="Name" name="name" required maxLength={120} defaultValue={values.name ?? facility?.name} errors={errors.name} hint="Shown to doctors on the application form; must be unique." />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField id={`${idPrefix}-city`} label="City" name="city" required maxLength={80} defaultValue={values.city ?? facility?.city} errors={errors.city} />
        <TextField id={`${idPrefix}-address`} label="Address (optional)" name="address" maxLength={300} defaultValue={values.address ?? facility?.address} errors={errors.address} />
      </div>
      <SubmitButton pendingLabel={facility ? "Saving…" : "Adding facility…"}>{facility ? "Save changes" : "Add facility"}</SubmitButton>
    </form>
  );
}
