import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MedAnchor", template: "%s · MedAnchor" },
  description: "Patient records and appointments with every file and access grant anchored on a verifiable ledger.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6">
          {children}
        </main>
        <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-500">
          MedAnchor · open, verifiable patient records · <a className="underline hover:text-slate-700" href="/status">System status</a>
        </footer>
      </body>
    </html>
  );
}
