/** A service that could not start, with the component and the cause in one line a human can act on. */
export class ServiceStartError extends Error {
  constructor(
    readonly component: string,
    cause: string,
  ) {
    super(`${component}: ${cause}`);
    this.name = "ServiceStartError";
  }
}

export interface RunningService {
  /** Component name as shown to users: "postgres", "s3", "chain". */
  readonly component: string;
  /** The URL clients use to reach it. */
  readonly url: string;
  stop(): Promise<void>;
}
