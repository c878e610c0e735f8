"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { RecoveryCodesState } from "@/components/account/recovery-codes-state";
import type { CreatedTokenState } from "@/components/access-tokens/created-token-state";
import { errorState, type FormState } from "@/components/forms/form-state";
import { changePassword } from "@/lib/account/change-password";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { revokeAccessToken } from "@/lib/access-tokens/revoke-token";
import { signOut } from "@/lib/auth/auth";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { formText, formTexts } from "@/lib/forms/form-data";
import { logout, logoutEverywhere } from "@/lib/auth/sign-out";
import { updateMailPreferences } from "@/lib/mail/preferences";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes } from "@/lib/mfa/enrolment";
import { outageAsResult } from "@/lib/outages/outage";

export async function logoutAction(): Promise<void> {
  await logout(await currentActor());
  redirect("/login");
}

export async function logoutEverywhereAction(): Promise<void> {
  const result = await outageAsResult(async () => logoutEverywhere(await currentActor()));
  redirect(result.ok ? "/login?signedOut=everywhere" : "/login");
}

/** The change ends every session, this one included, so the user signs in again with the new password. */
export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { currentPassword: formData.get("currentPassword"), newPassword: formData.get("newPassword"), confirmPassword: formData.get("confirmPassword") };
  const result = await outageAsResult(async () => changePassword(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error);
  await signOut({ redirect: false });
  redirect("/login?passwordChanged=1");
}

/** No revalidation on success: the page would switch to "enabled" and unmount the recovery codes shown once. */
export async function confirmTotpEnrolmentAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  const input = { secret: formData.get("secret"), signature: formData.get("signature"), code: formData.get("code") };
  const result = await outageAsResult(async () => confirmTotpEnrolment(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error);
  return { status: "success", recoveryCodes: result.value.recoveryCodes };
}

export async function regenerateRecoveryCodesAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  const result = await outageAsResult(async () => regenerateRecoveryCodes(await currentActor(), { code: formData.get("code") }, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath("/account/security");
  return { status: "success", recoveryCodes: result.value.recoveryCodes };
}

export async function disableTotpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await outageAsResult(async () => disableTotp(await currentActor(), { password: formData.get("password"), code: formData.get("code") }, await requestContext()));
  if (!result.ok) return errorState(result.error);
  redirect("/account/security?disabled=1");
}

/** The new token's secret goes back to the form once; the list refreshes so the token shows up. */
export async function createAccessTokenAction(_previous: CreatedTokenState, formData: FormData): Promise<CreatedTokenState> {
  const values = { name: formText(formData, "name") ?? "", expiresInDays: formText(formData, "expiresInDays") ?? "" };
  const result = await outageAsResult(async () => createAccessToken(await currentActor(), { ...values, scopes: formTexts(formData, "scopes") }, await requestContext()));
  if (!result.ok) return errorState(result.error, values);
  revalidatePath("/account/tokens");
  return { status: "success", secret: result.value.secret, tokenName: result.value.token.name };
}

export async function revokeAccessTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await outageAsResult(async () => revokeAccessToken(await currentActor(), { tokenId: formText(formData, "tokenId") }, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath("/account/tokens");
  return { status: "success", message: "Token revoked. Requests made with it are refused from now on." };
}

export async function updateMailPreferencesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { appointments: formText(formData, "appointments"), reminders: formText(formData, "reminders"), access: formText(formData, "access") };
  const result = await outageAsResult(async () => updateMailPreferences(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath("/account");
  return { status: "success" };
}
