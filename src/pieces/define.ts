/**
 * Tag names: registration of the default names, and the names inner elements are rendered under.
 *
 * An element class lists the elements it renders in `static dependencies` (default tag name →
 * class) and renders them under the name each is defined under on the page, so its class works
 * under any name, beside another library that took the default ones (see `scopedTag()`). A
 * dependency class is resolved to a name once per page:
 *   1. already defined under some name (`customElements.getName`; without it, a name this module
 *      defined or the default name): that name;
 *   2. else its default name, when free: the class is defined under it;
 *   3. else (the default name belongs to another class) a trivial subclass, defined under the first
 *      free `<default>-2`, `<default>-3`, …; the class itself stays free for a definition of its own.
 * Defining a class also resolves its own dependencies, so the whole tree it renders is defined.
 */
import { unsafeStatic, type StaticValue } from 'lit/static-html.js';

/** Elements a class renders: default tag name → class. */
export type Dependencies = Readonly<Record<string, CustomElementConstructor>>;

/** A class that may list the elements it renders. */
export type DependentClass = CustomElementConstructor & { readonly dependencies?: Dependencies };

/** A resolved tag: its name (for selectors and `createElement`) and the static value for `lit/static-html.js`. */
export interface ScopedTag {
  readonly name: string;
  readonly literal: StaticValue;
}

const warned = new Set<string>();
/** Names this module defined or found, by class (also where `customElements.getName` is missing). */
const names = new WeakMap<CustomElementConstructor, string>();
/** Resolved dependencies per host class, by default tag name. */
const scoped = new WeakMap<object, Map<string, ScopedTag>>();

function defineDependencies(ctor: DependentClass): void {
  for (const [name, dependency] of Object.entries(ctor.dependencies ?? {})) resolveTagName(dependency, name);
}

/**
 * Registers a custom element without throwing when the name is taken (another copy of the
 * library on the page): warns once per name and keeps the first definition. Once `ctor` is
 * defined, its dependencies are too (see above).
 */
export function defineElement(name: string, ctor: DependentClass): void {
  const existing = customElements.get(name);
  if (existing && existing !== ctor) {
    if (!warned.has(name)) {
      warned.add(name);
      console.warn(
        `coordinator-elements: <${name}> is already defined by another script; keeping the first definition.`,
      );
    }
    // Not defined here: its dependencies are not needed either.
    return;
  }
  if (!existing) customElements.define(name, ctor);
  names.set(ctor, name);
  defineDependencies(ctor);
}

/** The tag name `ctor` renders under on this page, defining it if needed (the rule above). */
export function resolveTagName(ctor: DependentClass, defaultName: string): string {
  let name =
    names.get(ctor) ??
    customElements.getName?.(ctor) ??
    (customElements.get(defaultName) === ctor ? defaultName : undefined);
  if (!name) {
    name = defaultName;
    for (let i = 2; customElements.get(name); i++) name = `${defaultName}-${i}`;
    // Before its dependencies: a cycle of dependencies then ends here.
    names.set(ctor, name);
    try {
      customElements.define(name, name === defaultName ? ctor : class extends ctor {});
    } catch {
      // Without `customElements.getName` a class the page defined under another name looks free,
      // and cannot be defined twice: its subclass can.
      customElements.define(name, class extends ctor {});
    }
    defineDependencies(ctor);
  }
  names.set(ctor, name);
  return name;
}

/**
 * The tag of dependency `name` (a key of `host.dependencies`; the manifest test checks the library's
 * own calls) for `host`'s templates, resolved at the first call for `host`, with all its other
 * dependencies, then read from a cache. `host` is an element class, or a class that only holds the
 * dependencies of templates loaded later (a card's details, card-views.ts).
 */
export function scopedTag(host: { readonly dependencies?: Dependencies }, name: string): ScopedTag {
  let tags = scoped.get(host);
  if (!tags) {
    scoped.set(host, (tags = new Map()));
    for (const [dependency, ctor] of Object.entries(host.dependencies ?? {})) {
      const resolved = resolveTagName(ctor, dependency);
      tags.set(dependency, { name: resolved, literal: unsafeStatic(resolved) });
    }
  }
  return tags.get(name)!;
}
