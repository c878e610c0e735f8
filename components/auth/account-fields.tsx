import type { FormState } from "@/components/forms/form-state";
import { TextField } from "@/components/ui/field";

/** Fields every account has: name, email, password, date of birth, phone. */
export function AccountFields({ state }: { state: FormState }) {
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <>
      <TextField label="Full name" name="name" autoComplete="name" required defaultValue={values.name} errors={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={values.email} errors={errors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        errors={errors.password}
        hint="At least 12 characters. A phrase of four or more unrelated words is strong and easy to remember."
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField label="Date of birth" name="dateOfBirth" type="date" required defaultValue={values.dateOfBirth} errors={errors.dateOfBirth} />
        <TextField label="Phone (optional)" name="phone" type="tel" autoComplete="tel" defaultValue={values.phone} errors={errors.phone} />
      </div>
    </>
  );
}
