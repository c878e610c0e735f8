"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { LoginRefused, signIn } from "@/lib/auth/auth";
import { homeForCurrentUser } from "@/lib/auth/sign-out";

/** Signs in with email, password and (when enrolled) a second-factor code, then lands on the role's home. */
export async function loginAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get("email") ?? "");
  const credentials = { email, password: String(formData.get("password") ?? ""), code: String(formData.get("code") ?? "") };
  try {
    await signIn("credentials", { ...credentials, redirect: false });
  } catch (error) {
    if (error instanceof LoginRefused) return errorState({ code: error.refusal.code as never, message: error.refusal.message }, { email });
    if (error instanceof AuthError) return errorState({ code: "VALIDATION", message: "Email or password is incorrect." }, { email });
    throw error;
  }
  redirect(await homeForCurrentUser(email));
}
