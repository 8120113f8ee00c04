/**
 * Completes an element's pending Lit update now instead of at the end of the task. Lit allows
 * calling its protected `performUpdate()` for that; it does nothing when no update is pending. Only
 * the element itself updates, not the elements inside it (they have updates of their own).
 */
export function updateNow(element: Element): void {
  const el = element as Partial<{ isUpdatePending: boolean; performUpdate(): void }>;
  if (el.isUpdatePending) el.performUpdate?.();
}
