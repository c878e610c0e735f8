/** The matrix's types and the outcome rows several capabilities share (see index.ts). */
import type { Actor, RequestContext } from "@/lib/authz/actor";
import type { Action } from "@/lib/authz/rules";
import type { ErrorCode, Result } from "@/lib/result";
import type { ActorKind } from "../real-actors";

export type Outcome = "allow" | 401 | 403 | 404 | `allow:${Exclude<ErrorCode, "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND">}`;

/** What a cell's service call may use: shared fixtures and factories for fresh resources. */
export interface MatrixFixtures {
  /** Every fixture user's password. */
  password: string;
  /** An active facility doctors can name. */
  facilityId: string;
  /** The TOTP secret of the acting user, when they have a confirmed second factor. */
  totpSecret: string | null;
  /** The request's client address and user agent (a fresh IP per cell). */
  context: RequestContext;
  /** A name no other test uses, e.g. for facilities. */
  unique(prefix: string): string;
  /** A fresh doctor application in PENDING, for decisions; returns the doctor's user id. */
  pendingApplication(): Promise<string>;
  /** A fresh active facility; returns its id. */
  facility(): Promise<string>;
  /** A valid NL license number no one holds yet. */
  licenseNumber(): string;
  /** Registers what a service created, for clean-up. */
  track(ids: { userId?: string; facilityId?: string }): void;
  /** A fresh verified doctor with availability round the clock (10-minute slots); returns their id. */
  bookableDoctor(): Promise<string>;
  /**
   * An appointment of the fixture owner (the "patient" column) with the acting doctor when the caller
   * is the verified doctor, else with another verified doctor: "upcoming" starts in two days, "started"
   * began 30 minutes ago. Returns its id.
   */
  appointment(when: "upcoming" | "started"): Promise<string>;
  /** The fixture owner's user id (a patient). */
  ownerId: string;
  /** Links the acting doctor (verified or pending) with the owner, as an invitation does; no-op for others. */
  linkToOwner(): Promise<void>;
  /** A request for all of the owner's documents (READ, 7 days) from the acting verified doctor, else another one; returns its id. */
  accessRequest(): Promise<string>;
  /** An open grant on all of the owner's documents to the acting verified doctor, else another one; returns its id. */
  activeGrant(permission: "READ" | "READ_WRITE"): Promise<string>;
  /** A day off in the schedule of the acting doctor (when verified) or of another doctor; returns its id. */
  availabilityException(): Promise<string>;
  /** A free 10-minute slot `daysAhead` days from now at hh:mm UTC, as the booking form sends it. */
  slot(daysAhead: number, hour: number, minute: number): { startsAt: string; endsAt: string };
}

export type ServiceCall = (actor: Actor | null, fx: MatrixFixtures) => Promise<Result<unknown> | void>;

interface EndpointRef {
  /** Path from the repository root, e.g. "app/account/actions.ts". */
  file: string;
  /** The exported action name, or the HTTP method of a route handler. */
  export: string;
}

export interface ProtectedEntry extends EndpointRef {
  kind: "action";
  /** The domain service the action calls with `await currentActor()` as its first argument. */
  service: (...args: never[]) => unknown;
  /** The lib/authz rule the service authorizes with; null only with a reason in `unauthorized`. */
  rule: Action | null;
  /** The helper that makes the `authorize` call for the service, when it is not the service itself. */
  authorizedBy?: (...args: never[]) => unknown;
  /** Why a service makes no authorization check at all. */
  unauthorized?: string;
  call: ServiceCall;
  expected: Record<ActorKind, Outcome>;
}

export interface PublicEntry extends EndpointRef {
  kind: "public-action" | "public-route";
  /** Why anyone, signed in or not, may call it. */
  justification: string;
  /** Text the endpoint's source must contain: the call into its service. */
  calls: string;
}

export type MatrixEntry = ProtectedEntry | PublicEntry;

/** Actions on a verified doctor's own schedule. */
export const VERIFIED_DOCTOR_ONLY: Record<ActorKind, Outcome> = { anonymous: 401, patient: 403, otherPatient: 403, pendingDoctor: 403, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 403 };
/** Cancelling: the appointment's patient (the owner) or its doctor; hidden from everyone else. */
export const PATIENT_OR_ITS_DOCTOR: Record<ActorKind, Outcome> = { anonymous: 401, patient: "allow", otherPatient: 404, pendingDoctor: 404, verifiedDoctor: "allow", suspendedDoctor: 401, admin: 404 };

/** Acting on one of the owner's grants: only the owning patient; hidden from everyone else. */
export const OWNER_ONLY: Record<ActorKind, Outcome> = { anonymous: 401, patient: "allow", otherPatient: 404, pendingDoctor: 404, verifiedDoctor: 404, suspendedDoctor: 401, admin: 404 };
/** Admin-only actions (rules requiring ADMIN and a confirmed second factor). */
export const ADMIN_ONLY: Record<ActorKind, Outcome> = { anonymous: 401, patient: 403, otherPatient: 403, pendingDoctor: 403, verifiedDoctor: 403, suspendedDoctor: 401, admin: "allow" };
/** Anything the caller does to their own account. */
export const ANY_SIGNED_IN: Record<ActorKind, Outcome> = { anonymous: 401, patient: "allow", otherPatient: "allow", pendingDoctor: "allow", verifiedDoctor: "allow", suspendedDoctor: 401, admin: "allow" };
