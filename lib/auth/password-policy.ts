import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

/**
 * Password rule: 12 to 128 characters, and not guessable: zxcvbn (with its list of common and
 * breached passwords and the user's own name and email as extra words) must score it at least 3 of 4.
 * Long passphrases of ordinary words pass ("correct horse battery staple"); "password1234" does not.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const MIN_SCORE = 3;

const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export function passwordProblem(password: string, userInputs: string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters; a phrase of a few unrelated words works well.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  // The whole name or email (also without separators) as well as its parts, so "Ada Lovelace" cannot be the password of Ada Lovelace.
  const words = userInputs
    .flatMap((input) => {
      const lower = input.toLowerCase();
      return [lower, lower.replace(/[^a-z0-9]+/g, ""), ...lower.split(/[^a-z0-9]+/)];
    })
    .filter((w) => w.length >= 3);
  const squashed = password.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const score = Math.min(estimator.check(password, words).score, squashed.length >= 3 ? estimator.check(squashed, words).score : 4);
  if (score < MIN_SCORE) return "This password is too common or easy to guess. Add more unrelated words.";
  return undefined;
}
