import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
}

/** Label, control, hint and error messages wired together with aria attributes. */
function FieldFrame({ id, label, hint, errors, children }: FieldFrameProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

const controlClasses = (invalid: boolean) =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-brand-600 ${invalid ? "border-red-500" : "border-slate-300"}`;

function describedBy(id: string, hint: unknown, errors?: string[]) {
  if (errors?.length) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export function TextField({ label, hint, errors, id, name, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; errors?: string[]; name: string }) {
  const fieldId = id ?? name;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} errors={errors}>
      <input id={fieldId} name={name} className={controlClasses(Boolean(errors?.length))} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...props} />
    </FieldFrame>
  );
}

export function SelectField({ label, hint, errors, id, name, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: ReactNode; errors?: string[]; name: string }) {
  const fieldId = id ?? name;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} errors={errors}>
      <select id={fieldId} name={name} className={controlClasses(Boolean(errors?.length))} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...props}>
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField({ label, hint, errors, id, name, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: ReactNode; errors?: string[]; name: string }) {
  const fieldId = id ?? name;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} errors={errors}>
      <textarea id={fieldId} name={name} className={controlClasses(Boolean(errors?.length))} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...props} />
    </FieldFrame>
  );
}
