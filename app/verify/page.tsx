import type { Metadata } from "next";
import { PageHeading } from "@/components/ui/card";
import { BrowserVerifier } from "@/components/verify/browser-verifier";

export const metadata: Metadata = { title: "Verify a document" };

/** Public: anyone holding a file and its receipt can check it here, signed in or not. */
export default function VerifyPage() {
  return (
    <>
      <PageHeading
        title="Verify a document"
        description="Check that a file is exactly the one whose fingerprint was anchored on chain, using the receipt its owner downloaded from MedAnchor. Nothing is uploaded: the file is hashed in your browser and the contract is read directly."
      />
      <BrowserVerifier defaultRpcUrl="/api/rpc" />
    </>
  );
}
