// Keyboard shortcuts must never fire while a person types: a `d` in a deny reason is a letter.
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}
