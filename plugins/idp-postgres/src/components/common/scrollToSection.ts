/**
 * Brings a section of the tab into view and moves the focus there, so a
 * keyboard or screen reader user lands where a sighted user looks. The
 * section needs `tabIndex={-1}` to take the focus.
 */
export function scrollToSection(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  // jsdom has no scrollIntoView; browsers all do.
  element.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  element.focus({ preventScroll: true });
}

/** The id of one section of one database's panel, stable for links to it. */
export function sectionId(
  dbRef: { namespace: string; name: string },
  section: 'grants' | 'restore',
): string {
  return `idp-postgres-${dbRef.namespace}-${dbRef.name}-${section}`;
}
