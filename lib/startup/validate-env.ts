import { EnvError, serverEnv } from "@/lib/env";

try {
  serverEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
