"use client";

import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState, type DragEvent, type FormEvent } from "react";
import { WagmiProvider, useConfig } from "wagmi";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { parseReceipt, type AnchorReceipt } from "@/lib/verification/receipt-schema";
import { verifyReceipt } from "@/lib/verification/verify-receipt";
import { readOnlyWagmiConfig, wagmiAnchorReader } from "@/lib/verification/wagmi-reader";
import { VerificationSteps } from "./verification-steps";

interface Run {
  key: number;
  fileName: string;
  sha256: string;
  receipt: AnchorReceipt;
  rpcUrl: string;
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Relative URLs (the default /api/rpc) resolve against this page, so the transport always gets an absolute URL. */
function absoluteUrl(value: string): string | null {
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

const inputClasses = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium";

/**
 * The public verifier: the file is hashed here with WebCrypto (it never leaves the browser) and the
 * contract is read through wagmi against the RPC URL the visitor chose (our read-only proxy by default).
 */
export function BrowserVerifier({ defaultRpcUrl }: { defaultRpcUrl: string }) {
  const ids = { file: useId(), receipt: useId(), rpc: useId(), rpcHint: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [receiptFile, setReceiptFile] = useState<File | null>(null);
  const [rpcUrl, setRpcUrl] = useState(defaultRpcUrl);
  const [problem, setProblem] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [run, setRun] = useState<Run | null>(null);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    for (const dropped of Array.from(event.dataTransfer.files)) {
      if (dropped.name.toLowerCase().endsWith(".json")) setReceiptFile(dropped);
      else setFile(dropped);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setRun(null);
    if (!file || !receiptFile) return setProblem("Choose both the file and its receipt.");
    const url = absoluteUrl(rpcUrl.trim());
    if (!url) return setProblem("The RPC URL must be an http or https address.");
    if (!globalThis.crypto?.subtle) return setProblem("This browser cannot compute SHA-256 here: WebCrypto needs a secure (https) page.");
    setPreparing(true);
    try {
      const parsed = parseReceipt(await receiptFile.text());
      if (!parsed.ok) return setProblem(parsed.message);
      setRun({ key: Date.now(), fileName: file.name, sha256: await sha256Hex(file), receipt: parsed.receipt, rpcUrl: url });
    } catch {
      setProblem("The files could not be read.");
    } finally {
      setPreparing(false);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} aria-label="Verify a file" className="space-y-4">
        <div onDragOver={(e) => e.preventDefault()} onDrop={onDrop} className="space-y-4 rounded-xl border-2 border-dashed border-slate-300 bg-white p-6">
          <p className="text-sm text-slate-600">Drop the file and its receipt here, or choose them below. The file stays in your browser: only its fingerprint is compared.</p>
          <div>
            <label htmlFor={ids.file} className="mb-1 block text-sm font-medium text-slate-800">
              File to verify
            </label>
            <input id={ids.file} type="file" className={inputClasses} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            {file ? <p className="mt-1 text-xs text-slate-600">Selected: {file.name}</p> : null}
          </div>
          <div>
            <label htmlFor={ids.receipt} className="mb-1 block text-sm font-medium text-slate-800">
              Receipt (JSON)
            </label>
            <input id={ids.receipt} type="file" accept="application/json,.json" className={inputClasses} onChange={(e) => setReceiptFile(e.target.files?.[0] ?? null)} />
            {receiptFile ? <p className="mt-1 text-xs text-slate-600">Selected: {receiptFile.name}</p> : null}
          </div>
        </div>
        <div>
          <label htmlFor={ids.rpc} className="mb-1 block text-sm font-medium text-slate-800">
            RPC URL
          </label>
          <input id={ids.rpc} type="text" inputMode="url" aria-describedby={ids.rpcHint} className={inputClasses} value={rpcUrl} onChange={(e) => setRpcUrl(e.target.value)} />
          <p id={ids.rpcHint} className="mt-1 text-xs text-slate-600">
            The chain node the contract is read from. The default is this site&apos;s read-only proxy; point it at your own node of the receipt&apos;s chain to trust no one but the chain.
          </p>
        </div>
        <Button type="submit" disabled={preparing}>
          {preparing ? "Hashing…" : "Verify"}
        </Button>
      </form>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {run ? <VerificationRun key={run.key} run={run} /> : null}
    </div>
  );
}

/** One verification, with its own wagmi config for the receipt's chain and the chosen RPC URL. */
function VerificationRun({ run }: { run: Run }) {
  const config = useMemo(() => readOnlyWagmiConfig(run.receipt.chainId, run.rpcUrl), [run]);
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, refetchOnWindowFocus: false } } }));
  return (
    <WagmiProvider config={config} reconnectOnMount={false}>
      <QueryClientProvider client={queryClient}>
        <VerificationResult run={run} />
      </QueryClientProvider>
    </WagmiProvider>
  );
}

function VerificationResult({ run }: { run: Run }) {
  const config = useConfig();
  const result = useQuery({ queryKey: ["verify-receipt", run.key], queryFn: () => verifyReceipt(run.sha256, run.receipt, wagmiAnchorReader(config, run.receipt.contract)) });
  return (
    <section aria-label="Verification result" aria-live="polite" className="space-y-3">
      {result.isPending ? <Alert tone="info">Reading the chain…</Alert> : null}
      {result.isError ? <Alert tone="error">The verification could not run: {result.error.message}</Alert> : null}
      {result.data ? (
        <>
          {result.data.verified ? (
            <Alert tone="success" title="Verified">
              {run.fileName} is exactly the file that was anchored on chain {run.receipt.chainId} at {run.receipt.blockTime}.
            </Alert>
          ) : (
            <Alert tone="error" title="Not verified">
              {result.data.firstProblem?.explanation}
            </Alert>
          )}
          <p className="text-xs break-all text-slate-600">
            File SHA-256 (computed in your browser): <code className="font-mono">{run.sha256}</code>
          </p>
          <VerificationSteps steps={result.data.steps} label="Verification steps" />
        </>
      ) : null}
    </section>
  );
}
