"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type CSSProperties } from "react";
import { MarkAllReadButton } from "./mark-all-read-button";
import { NotificationItems, type NotificationItem } from "./notification-items";

/**
 * The header's bell: a disclosure button named with the unread count ("Notifications, 2 unread") that
 * opens a panel with the latest notifications. Escape or a click outside closes it and returns focus.
 */
export function NotificationBell({ unread, items }: { unread: number; items: NotificationItem[] }) {
  const [open, setOpen] = useState(false);
  // On narrow screens the panel spans the viewport just below the bell, wherever the header wrapped it.
  const [panelTop, setPanelTop] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const name = unread > 0 ? `Notifications, ${unread} unread` : "Notifications";

  // "Mark all as read" disappears once nothing is unread; keep focus in the header rather than losing it.
  useEffect(() => {
    if (open && unread === 0 && document.activeElement === document.body) buttonRef.current?.focus();
  }, [open, unread]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={name}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setPanelTop((buttonRef.current?.getBoundingClientRect().bottom ?? 0) + 8);
          setOpen((value) => !value);
        }}
        className="relative grid h-9 w-9 place-items-center rounded-lg border border-slate-300 text-slate-700 hover:bg-slate-50 hover:text-slate-900"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" className="h-5 w-5">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span aria-hidden="true" className="absolute -top-1.5 -right-1.5 grid h-5 min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      <div
        id={panelId}
        data-testid="notification-panel"
        hidden={!open}
        style={{ "--panel-top": `${panelTop}px` } as CSSProperties}
        className="fixed inset-x-4 top-(--panel-top) z-20 rounded-xl border border-slate-200 bg-white p-4 text-left shadow-lg sm:absolute sm:inset-x-auto sm:top-auto sm:right-0 sm:mt-2 sm:w-96"
      >
        <div className="flex items-center justify-between gap-3">
          <h2 className="text-base font-semibold text-slate-900">Notifications</h2>
          {unread > 0 ? <MarkAllReadButton /> : null}
        </div>
        {items.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-600">Nothing new. Bookings, changes and cancellations appear here.</p>
        ) : (
          // A region that can scroll must take keyboard focus, or keyboard users can't scroll it (WCAG 2.1.1).
          <div className="mt-2 max-h-96 overflow-y-auto rounded-md" tabIndex={0} role="region" aria-label="Latest notifications">
            <NotificationItems items={items.slice(0, 8)} />
          </div>
        )}
        <p className="mt-2 border-t border-slate-200 pt-3 text-sm">
          <Link href="/notifications" onClick={() => setOpen(false)} className="font-medium text-brand-700 underline hover:text-brand-900">
            See all notifications
          </Link>
        </p>
      </div>
    </div>
  );
}
