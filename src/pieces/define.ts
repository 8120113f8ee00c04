/**
 * Registers a custom element without throwing when the name is taken (another copy of the
 * library on the page): warns once per name and keeps the first definition.
 */
const warned = new Set<string>();

export function defineElement(name: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(name);
  if (!existing) {
    customElements.define(name, ctor);
    return;
  }
  if (existing !== ctor && !warned.has(name)) {
    warned.add(name);
    console.warn(`coordinator-elements: <${name}> is already defined by another script; keeping the first definition.`);
  }
}
