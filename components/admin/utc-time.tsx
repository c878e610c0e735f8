import { formatUtc } from "./format";

export function UtcTime({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{formatUtc(value)}</time>;
}
