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

/** Literal options of a union type text (`'dark' | 'light' | undefined` → dark, light), if it is one. */
function literalOptions(type: string): string[] | null {
  const parts = type
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'undefined' && p !== 'null');
  if (!parts.length || !parts.every((p) => /^'[^']*'$/.test(p))) return null;
  return parts.map((p) => p.slice(1, -1));
}

/**
 * The control that fits a manifest type: a switch for booleans, a number field, a radio for a few
 * literals, a text field for strings, the JSON editor for data; none for functions and clients (a
 * story sets those in code).
 */
export function controlFor(type: string | undefined): ArgTypes[string]['control'] {
  const text = (type ?? '').trim();
  const bare = text.replace(/\s*\|\s*(null|undefined)/g, '');
  const options = literalOptions(text);
  if (options) return options.length <= 4 ? { type: 'inline-radio' } : { type: 'select' };
  if (bare === 'boolean') return { type: 'boolean' };
  if (bare === 'number') return { type: 'number' };
  if (bare === 'string' || bare === '') return { type: 'text' };
  if (/=>|Provider|Client|Api\b|Function/.test(bare)) return false;
  return { type: 'object' };
}

/**
 * Controls for an element: its attributes (by attribute name) and its properties, each with the
 * control its type fits (`controlFor`), and its CSS custom properties. The manifest also lists each
 * attribute's backing property; those duplicates are hidden so one control drives one attribute.
 */
export function attributeArgTypes(tagName: string, hide: string[] = []): Partial<ArgTypes> {
  const decl = declarationOf(tagName);
  const argTypes: Partial<ArgTypes> = {};
  if (!decl) return argTypes;
  for (const attr of decl.attributes ?? []) {
    if (attr.fieldName && attr.fieldName !== attr.name) argTypes[attr.fieldName] = { table: { disable: true } };
    const type = attr.type?.text;
    const options = type ? literalOptions(type) : null;
    argTypes[attr.name] = { control: controlFor(type), ...(options ? { options: [undefined, ...options] } : {}) };
  }
  const attributeFields = new Set((decl.attributes ?? []).map((a) => a.fieldName));
  type Member = {
    kind: string;
    name: string;
    type?: { text: string };
    privacy?: string;
    static?: boolean;
    readonly?: boolean;
  };
  for (const member of (decl as { members?: Member[] }).members ?? []) {
    if (member.kind !== 'field' || member.privacy || member.static || attributeFields.has(member.name)) continue;
    if (member.name.startsWith('_')) continue;
    // What an element only reports (`runs`, `busy`…) is read in code, not set from a control.
    argTypes[member.name] = { control: member.readonly ? false : controlFor(member.type?.text) };
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
