import { inject } from "vitest";

// Runs before each integration test file: point lib/env at the suite's isolated stack.
Object.assign(process.env, inject("stackEnv"));
