import { describe, expect, it } from "vitest";
import { allowedDecisions, transitionProblem } from "./transitions";

describe("doctor verification transitions", () => {
  it("offers each state only its outgoing decisions", () => {
    expect(allowedDecisions("PENDING")).toEqual(["VERIFY", "REJECT"]);
    expect(allowedDecisions("VERIFIED")).toEqual(["SUSPEND"]);
    expect(allowedDecisions("SUSPENDED")).toEqual(["REINSTATE"]);
    expect(allowedDecisions("REJECTED")).toEqual([]);
  });

  it("explains refused transitions in words an administrator can act on", () => {
    expect(transitionProblem("PENDING", "VERIFY")).toBeUndefined();
    expect(transitionProblem("VERIFIED", "VERIFY")).toBe("This doctor is already verified.");
    expect(transitionProblem("REJECTED", "VERIFY")).toMatch(/rejected; the doctor has to edit and re-submit/);
    expect(transitionProblem("SUSPENDED", "VERIFY")).toMatch(/reinstate them instead/);
    expect(transitionProblem("PENDING", "SUSPEND")).toMatch(/still pending/);
    expect(transitionProblem("VERIFIED", "REINSTATE")).toMatch(/only suspended doctors can be reinstated/);
  });
});
