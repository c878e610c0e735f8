/**
 * deploy/compose.yaml can't be run here (no Docker daemon), so its shape is checked statically: the
 * services of the production topology, how they depend on each other, and that MinIO and Besu really
 * form the distributed MinIO and the 4-validator QBFT network the README describes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { VALIDATOR_IPS } from "./qbft-genesis";

const deployDir = path.resolve(import.meta.dirname, "../../deploy");

interface Service {
  image?: string;
  build?: { dockerfile: string };
  command?: string | string[];
  entrypoint?: string[];
  env_file?: string;
  depends_on?: Record<string, { condition: string }> | string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  ports?: string[];
}

// `merge: true` resolves the `<<: *anchor` keys as Compose does.
const compose = parse(readFileSync(path.join(deployDir, "compose.yaml"), "utf8"), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const named = (prefix: RegExp) => Object.keys(services).filter((name) => prefix.test(name));
const commandOf = (s: Service) => (Array.isArray(s.command) ? s.command.join(" ") : (s.command ?? ""));

describe("deploy/compose.yaml", () => {
  it("has the production topology's services", () => {
    expect(Object.keys(services).sort()).toEqual(["app1", "app2", "besu1", "besu2", "besu3", "besu4", "caddy", "minio1", "minio2", "minio3", "minio4", "postgres", "setup", "worker"]);
  });

  it("runs MinIO distributed over 4 nodes with erasure coding, each with its own volume", () => {
    const minio = named(/^minio\d$/);
    expect(minio).toHaveLength(4);
    for (const name of minio) {
      expect(commandOf(services[name]!)).toMatch(/server .*http:\/\/minio\{1\.\.\.4\}\/data/);
      expect(services[name]!.volumes).toEqual([`${name}-data:/data`]);
    }
  });

  it("runs 4 Besu validators, each with its own key, data volume and fixed address from the generated network config", () => {
    const besu = named(/^besu\d$/);
    expect(besu).toHaveLength(4);
    for (const [i, name] of besu.entries()) {
      const service = services[name]!;
      expect(service.image).toMatch(/^hyperledger\/besu:/);
      expect(service.entrypoint).toEqual(["besu", "--config-file=/network/config.toml"]);
      expect(commandOf(service)).toContain(`--node-private-key-file=/network/validator${i + 1}/key`);
      expect(commandOf(service)).toContain(`--p2p-host=${VALIDATOR_IPS[i]}`);
      expect((service.networks as Record<string, { ipv4_address: string }>).chain?.ipv4_address).toBe(VALIDATOR_IPS[i]);
      expect(service.volumes).toContain(`${name}-data:/var/lib/besu`);
    }
  });

  it("runs 2 app instances and a worker from the Dockerfile's image, after the one-shot setup", () => {
    for (const name of ["app1", "app2", "worker"]) {
      const service = services[name]!;
      expect(service.build?.dockerfile).toBe("deploy/Dockerfile");
      expect(service.env_file).toBe(".env");
      expect(service.depends_on).toEqual({ setup: { condition: "service_completed_successfully" } });
    }
    expect(commandOf(services.app1!)).toMatch(/^npm start/);
    expect(services.app1!.healthcheck?.test.join(" ")).toContain("/api/health");
    expect(commandOf(services.worker!)).toBe("npm run worker");
    expect(commandOf(services.setup!)).toContain("npm run db:migrate");
    expect(commandOf(services.setup!)).toContain("npm run chain:deploy -- --check");
  });

  it("puts Caddy with TLS in front of both app instances, load-balanced with health checks", () => {
    expect(services.caddy!.ports).toContain("443:443");
    expect(services.caddy!.volumes).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
    const caddyfile = readFileSync(path.join(deployDir, "Caddyfile"), "utf8");
    expect(caddyfile).toMatch(/reverse_proxy app1:3000 app2:3000 \{/);
    expect(caddyfile).toMatch(/lb_policy /);
    expect(caddyfile).toMatch(/health_uri \/api\/health/);
  });

  it("keeps every stateful service's data in a named volume", () => {
    for (const volume of ["postgres-data", "minio1-data", "besu1-data", "caddy-data"]) expect(compose.volumes).toHaveProperty(volume);
    expect(services.postgres!.volumes).toEqual(["postgres-data:/var/lib/postgresql/data"]);
  });
});
