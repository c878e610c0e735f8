import { proxyRpc } from "@/lib/verification/rpc-proxy";

export const dynamic = "force-dynamic";

/** Read-only JSON-RPC for the public /verify page; every write or node-control method is refused. */
export async function POST(request: Request) {
  return proxyRpc(request);
}
