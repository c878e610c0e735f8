/**
 * `npm run admin:create -- --email you@clinic.org --name "Full Name"`
 * The password comes from ADMIN_PASSWORD or, on a terminal, a hidden prompt. Uses DATABASE_URL, or the
 * embedded development database of `npm run dev`.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createAdmin } from "../lib/accounts/create-admin";
import { databaseUrl, loadToolingEnv } from "../lib/env";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email) {
  console.error('usage: npm run admin:create -- --email <email> [--name "Full Name"]   (password: ADMIN_PASSWORD or prompt)');
  process.exit(1);
}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error("no terminal to ask for the password on: set ADMIN_PASSWORD");
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const mutable = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(question);
  mutable._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

const password = loadToolingEnv().ADMIN_PASSWORD ?? (await promptHidden("Password (12+ characters, not guessable): "));
const result = await createAdmin({ email: values.email, name: values.name ?? values.email.split("@")[0], password });
const target = databaseUrl().replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
if (!result.ok) {
  console.error(`admin:create: ${result.error.message}`);
  process.exit(1);
}
console.log(`admin:create: administrator ${values.email} created in ${target}. Two-factor enrolment is required at first sign-in.`);
process.exit(0);
