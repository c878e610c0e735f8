import { logoutEverywhereAction } from "@/app/account/actions";
import { SubmitButton } from "@/components/forms/submit-button";

export function LogoutEverywhereForm() {
  return (
    <form action={logoutEverywhereAction}>
      <SubmitButton variant="secondary" pendingLabel="Signing out…">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
