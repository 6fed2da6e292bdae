/**
 * True when a value holds a control character (line breaks, tabs, NUL, DEL).
 *
 * @public
 */
export function hasControlCharacter(value: string): boolean {
  return [...value].some(char => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f;
  });
}

/**
 * Shows a user's value inside an error message with control characters
 * escaped, so a pasted line break cannot forge a second line of output.
 *
 * @public
 */
export function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
