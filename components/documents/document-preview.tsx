const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);

/**
 * PDFs in a sandboxed frame and images as <img>; the content route also answers with
 * `Content-Security-Policy: sandbox` and nosniff. Other types (DICOM) are download-only.
 */
export function DocumentPreview({ type, src, title }: { type: string; src: string; title: string }) {
  if (type === "application/pdf") {
    return <iframe src={src} sandbox="" title={`Preview of ${title}`} className="h-[70vh] w-full rounded-lg border border-slate-200 bg-slate-50" />;
  }
  if (IMAGE_TYPES.has(type)) {
    // eslint-disable-next-line @next/next/no-img-element -- access-checked, uncacheable bytes: next/image would proxy and cache them
    return <img src={src} alt={`Preview of ${title}`} className="max-h-[70vh] w-auto max-w-full rounded-lg border border-slate-200" />;
  }
  return <p className="text-sm text-slate-600">No preview for this file type. Use Download to open it in a viewer.</p>;
}
