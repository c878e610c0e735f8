"use client";

import { ErrorNotice } from "@/components/errors/error-notice";
import "./globals.css";

/** When even the root layout fails (its header reads the session), this replaces it, with its own html and body. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans">
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-16 sm:px-6">
          <ErrorNotice error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
