/**
 * Moving the keyboard focus from code (to an error, or back to the button that opened a
 * form) with the focus ring shown exactly when the user is working with the keyboard.
 * Browsers guess this for `:focus-visible`, but WebKit's guess loses the ring when focus
 * moves from code, so the app remembers the last kind of input itself.
 */

let keyboard = false;

if (typeof window !== "undefined") {
  window.addEventListener("keydown", () => (keyboard = true), true);
  window.addEventListener("pointerdown", () => (keyboard = false), true);
}

/** Focuses `element`, with the focus ring if the last input came from the keyboard. */
export function moveFocus(element: HTMLElement | null | undefined): void {
  element?.focus({ focusVisible: keyboard } as FocusOptions);
}
