/**
 * Prisma's schema engine, loaded from npm `@prisma/schema-engine-wasm`.
 *
 * Why not the Prisma CLI: every `prisma migrate` / `prisma db` command first downloads a native
 * schema-engine binary from Prisma's CDN, which is unreachable on our offline build machines and
 * ships in no npm package. The WebAssembly build of the same engine does the same work through a
 * driver adapter and fills `_prisma_migrations` exactly like `prisma migrate deploy`, so a machine
 * with the native CLI can take over the same migrations folder at any time.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

type WasmSchemaEngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
export type SchemaEngine = import("@prisma/schema-engine-wasm/schema_engine_bg").SchemaEngine;

/**
 * The wasm-bindgen glue keeps module-level views of the instance's memory, so the module must be
 * instantiated once per process: a second instance would leave the glue reading the wrong memory.
 */
let wasmModule: Promise<WasmSchemaEngineModule> | undefined;
function loadWasmModule(): Promise<WasmSchemaEngineModule> {
  wasmModule ??= instantiateWasmModule();
  return wasmModule;
}

async function instantiateWasmModule(): Promise<WasmSchemaEngineModule> {
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings: WasmSchemaEngineModule = await import(bindingsPath);
  // Node 20 cannot `import` a .wasm file, so the package's own entry point fails: instantiate by hand.
  const wasmBytes = await readFile(path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { "./schema_engine_bg.js": bindings as never });
  const exports = instance.exports as { __wbindgen_start?: () => void };
  (bindings as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
  exports.__wbindgen_start?.();
  return bindings;
}

interface ScriptExecutingAdapter {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
}

/**
 * @prisma/adapter-pg runs a migration script by splitting it at every ";", which cuts PL/pgSQL function
 * bodies apart. Postgres itself parses a multi-statement script correctly (simple query protocol), as
 * the native engine relies on, so send the script whole.
 */
function executeScriptsWhole(factory: PrismaPg): PrismaPg {
  const patch = (adapter: unknown) => {
    const target = adapter as ScriptExecutingAdapter;
    target.executeScript = async (script) => {
      try {
        await target.client.query(script);
      } catch (error) {
        target.onError(error);
      }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patch(await connect()) as Awaited<ReturnType<PrismaPg["connect"]>>;
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => patch(await connectToShadowDb()) as Awaited<ReturnType<PrismaPg["connectToShadowDb"]>>;
  return factory;
}

export async function openSchemaEngine(databaseUrl: string, schemaFiles: [string, string][]): Promise<SchemaEngine> {
  const bindings = await loadWasmModule();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(executeScriptsWhole(new PrismaPg({ connectionString: databaseUrl })));
  const logEngineMessage = () => {};
  return bindings.SchemaEngine.new({ datamodels: schemaFiles }, logEngineMessage, adapterFactory);
}
