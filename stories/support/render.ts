/**
 * Renders an element from story args using the Custom Elements Manifest, so the Controls panel
 * drives the element's real public API: an arg named like an attribute sets that attribute, an arg
 * named like a `--ce-*` custom property sets that style property, an `on<Event>` arg listens to the
 * event (Storybook's actions), and any other arg is assigned as a property.
 */
import type { ArgTypes } from '@storybook/web-components-vite';
import manifest from 'virtual:custom-elements-manifest';

type Declaration = NonNullable<(typeof manifest)['modules'][number]['declarations']>[number];

export function declarationOf(tagName: string): Declaration | undefined {
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) if (decl.tagName === tagName) return decl;
  }
  return undefined;
}

function eventArgName(eventName: string): string {
  const camel = eventName.replace(/(-|_|:|\.|\s)+(.)?/g, (_m, _s, chr: string | undefined) =>
    chr ? chr.toUpperCase() : '',
  );
  return `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

/**
 * Controls for an element: its attributes (by attribute name) and its CSS custom properties.
 * The manifest also lists each attribute's backing property; those duplicates are hidden so one
 * control drives one attribute. Properties without an attribute (rich data) stay as they are.
 */
export function attributeArgTypes(tagName: string, hide: string[] = []): Partial<ArgTypes> {
  const decl = declarationOf(tagName);
  const argTypes: Partial<ArgTypes> = {};
  if (!decl) return argTypes;
  for (const attr of decl.attributes ?? []) {
    if (attr.fieldName && attr.fieldName !== attr.name) argTypes[attr.fieldName] = { table: { disable: true } };
  }
  for (const name of hide) argTypes[name] = { table: { disable: true } };
  return argTypes;
}

export type ElementArgs = Record<string, unknown>;

/** Creates `tagName` and applies `args` (see the module comment). */
export function renderElement<K extends keyof HTMLElementTagNameMap>(
  tagName: K,
  args: ElementArgs,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tagName);
  applyArgs(el, args);
  return el;
}

export function applyArgs(el: HTMLElement, args: ElementArgs): void {
  const decl = declarationOf(el.localName);
  const attributes = new Set((decl?.attributes ?? []).map((a) => a.name));
  const events = new Map((decl?.events ?? []).map((e) => [eventArgName(e.name), e.name]));
  for (const [key, value] of Object.entries(args)) {
    if (key.startsWith('--')) {
      if (value === undefined || value === null || value === '') el.style.removeProperty(key);
      else el.style.setProperty(key, String(value));
    } else if (events.has(key)) {
      if (typeof value === 'function') el.addEventListener(events.get(key) as string, value as EventListener);
    } else if (attributes.has(key)) {
      if (value === undefined || value === null || value === false) el.removeAttribute(key);
      else el.setAttribute(key, value === true ? '' : String(value));
    } else if (value !== undefined) {
      (el as unknown as Record<string, unknown>)[key] = value;
    }
  }
}
