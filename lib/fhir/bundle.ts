import type { Bundle, BundleLink, Resource } from "@medplum/fhirtypes";
import type { Paging } from "./paging";

/**
 * A searchset Bundle with `self`, `first`, `previous` and `next` links, so clients page by following
 * links rather than building URLs. `included` resources (from `_include`) ride along with mode=include.
 */
export function searchsetBundle(args: { baseUrl: string; requestUrl: URL; matches: Resource[]; included?: Resource[]; total: number; paging: Paging }): Bundle {
  const { baseUrl, requestUrl, matches, included = [], total, paging } = args;
  const pageUrl = (offset: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set("_count", String(paging.count));
    url.searchParams.set("_offset", String(offset));
    return url.toString();
  };
  const link: BundleLink[] = [
    { relation: "self", url: pageUrl(paging.offset) },
    { relation: "first", url: pageUrl(0) },
  ];
  if (paging.offset > 0) link.push({ relation: "previous", url: pageUrl(Math.max(0, paging.offset - paging.count)) });
  if (paging.count > 0 && paging.offset + paging.count < total) link.push({ relation: "next", url: pageUrl(paging.offset + paging.count) });
  return {
    resourceType: "Bundle",
    type: "searchset",
    total,
    link,
    entry: [
      ...matches.map((resource) => ({ fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode: "match" as const } })),
      ...included.map((resource) => ({ fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode: "include" as const } })),
    ],
  };
}
