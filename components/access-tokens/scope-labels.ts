/** Plain words for each scope on the create form and the token list. */
export function scopeLabel(scope: string): string {
  const match = /^(patient|user)\/([A-Za-z*]+)\.read$/.exec(scope);
  if (!match) return scope;
  const [, context, type] = match;
  if (type === "*") return context === "patient" ? "Everything in your records" : "Everything your patients shared with you";
  return `${type} (read)`;
}
