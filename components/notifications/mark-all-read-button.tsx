import { markNotificationsReadAction } from "@/app/notifications/actions";
import { SubmitButton } from "@/components/forms/submit-button";

export function MarkAllReadButton() {
  return (
    <form action={markNotificationsReadAction}>
      <SubmitButton variant="secondary" pendingLabel="Marking…">
        Mark all as read
      </SubmitButton>
    </form>
  );
}
