import Link from "next/link";

const features = [
  { title: "Book verified doctors", body: "Find doctors whose credentials an administrator has checked, and book, move or cancel visits in your own time zone." },
  { title: "Keep your documents", body: "Lab results, imaging and prescriptions are encrypted before they reach storage. Only you decide who opens them, and until when." },
  { title: "Prove nothing changed", body: "Every file's fingerprint and every access grant is anchored on a ledger, so anyone can check a record was not altered." },
];

export default function HomePage() {
  return (
    <div className="space-y-14">
      <section className="max-w-3xl space-y-5">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Open, verifiable patient records</p>
        <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">Your medical records, under your control, provably intact.</h1>
        <p className="text-lg text-slate-600">
          MedAnchor connects patients with verified doctors for appointments and keeps medical documents encrypted, shared only with the doctors you choose.
          Fingerprints of files and grants are anchored on a private Ethereum chain: no personal data, just proof.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/status" className="rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700">
            Check system status
          </Link>
        </div>
      </section>
      <section aria-labelledby="features-heading">
        <h2 id="features-heading" className="sr-only">
          What MedAnchor does
        </h2>
        <ul className="grid gap-6 sm:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <h3 className="font-semibold text-slate-900">{feature.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
