import type { Metadata } from "next";
import { MarkAllReadButton } from "@/components/notifications/mark-all-read-button";
import { NotificationItems } from "@/components/notifications/notification-items";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { currentActor, requireUser } from "@/lib/auth/current-actor";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requireUser();
  const result = await listNotifications(await currentActor());
  if (!result.ok) return <Alert tone="error">{result.error.message}</Alert>;
  const { unread, items } = result.value;
  return (
    <>
      <PageHeading title="Notifications" description={unread > 0 ? `${unread} unread. Times are shown in your time zone.` : "You're all caught up. Times are shown in your time zone."} actions={unread > 0 ? <MarkAllReadButton /> : null} />
      <Card title="Latest">
        {items.length === 0 ? (
          <EmptyState title="No notifications yet">Bookings, changes and cancellations of your appointments appear here.</EmptyState>
        ) : (
          <NotificationItems items={items.map((item) => ({ id: item.id, text: item.text, read: item.read, createdAt: item.createdAt.toISOString(), appointmentStartsAt: item.appointmentStartsAt?.toISOString() ?? null }))} />
        )}
      </Card>
    </>
  );
}
