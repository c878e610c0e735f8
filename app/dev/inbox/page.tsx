import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { listDevInbox } from "@/lib/mail/dev-inbox";

export const metadata: Metadata = { title: "Development inbox" };

/** Every mail the development SMTP catcher received. Never in production: there it is a 404. */
export default async function DevInboxPage() {
  const mails = await listDevInbox();
  if (mails === null) notFound();
  return (
    <>
      <PageHeading title="Development inbox" description="Mail the worker sent to the local SMTP catcher; nothing here left this machine. Newest first." />
      {mails.length === 0 ? (
        <Card>
          <EmptyState title="No mail yet">Book an appointment or ask for access, and the worker sends its mail within seconds.</EmptyState>
        </Card>
      ) : (
        <ul className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id}>
              <Card title={mail.subject} description={`To ${mail.to.join(", ")} · ${new Date(mail.receivedAt).toUTCString()}`}>
                <pre className="whitespace-pre-wrap break-words text-sm text-slate-700">{mail.text}</pre>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
