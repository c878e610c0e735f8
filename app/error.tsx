"use client";

import { ErrorNotice } from "@/components/errors/error-notice";

/** Any page that fails to render (a bug, or Postgres or storage down) shows this inside the site's layout. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} />;
}
