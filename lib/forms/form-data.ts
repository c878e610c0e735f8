/** Reading submitted forms in server actions: strings only (a File where text was expected counts as missing). */
export function formText(formData: FormData, key: string): string | undefined {
  const value = formData.get(key);
  return typeof value === "string" ? value : undefined;
}

/** Every string value of a repeated field (checkboxes, multi-selects). */
export function formTexts(formData: FormData, key: string): string[] {
  return formData.getAll(key).filter((value): value is string => typeof value === "string");
}
