"use client";

import { Button } from "@/components/ui/button";

/** The digest Next.js attaches to a server error: the reference that finds it in the server's log. */
function referenceOf(error: unknown): string | undefined {
  return error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
}

/**
 * What a page shows when rendering it failed: no stack trace or message from the server (production sends
 * neither), a way to try again, and a reference support can match against the logs.
 */
export function ErrorNotice({ error, retry }: { error: unknown; retry: () => void }) {
  const reference = referenceOf(error);
  return (
    <section role="alert" aria-labelledby="error-title" className="mx-auto max-w-xl rounded-xl border border-amber-200 bg-amber-50 p-6 shadow-sm">
      <h1 id="error-title" className="text-xl font-semibold text-slate-900">
        This page could not be loaded
      </h1>
      <p className="mt-2 text-slate-700">Something went wrong on our side, or a service MedAnchor depends on is briefly unavailable. Please try again in a minute.</p>
      {reference ? (
        <p className="mt-3 text-sm text-slate-600">
          Reference for support: <code className="rounded bg-white px-1.5 py-0.5 font-mono text-slate-800">{reference}</code>
        </p>
      ) : null}
      <div className="mt-5 flex flex-wrap gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <a className="inline-flex items-center rounded-lg px-4 py-2 text-sm font-medium text-slate-700 underline hover:bg-white" href="/status">
          System status
        </a>
      </div>
    </section>
  );
}
