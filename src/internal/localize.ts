/**
 * Per-element language and strings.
 *
 * An element's language is its own `lang` attribute, else the nearest ancestor's (crossing shadow
 * roots, as HTML's `lang` inherits), else none (English words, the browser's number and date
 * formats). Words come from the translation registered for that language (`registerTranslation`,
 * e.g. by importing `coordinator-elements/locales/de.js`), falling back from `de-CH` to `de` to
 * English; numbers and dates always follow the language itself through `Intl`. An element's own
 * `strings` property is merged on top and inherited by the pieces inside it (cards inside a
 * timeline).
 *
 * The registry lives on `globalThis` so that a translation module loaded next to the
 * self-contained bundle (a second copy of this file) reaches the bundle's elements too.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import { englishStrings as english, type Strings } from './strings.js';
import type { ChatStrings } from '../components/chat-panel/chat-panel.strings.js';

type Fn = (...args: never[]) => unknown;
/** Some of the strings; nested records (event types, connection states…) may be partial too. */
export type PartialStrings<T = Strings> = {
  [K in keyof T]?: T[K] extends Fn ? T[K] : T[K] extends object ? Partial<T[K]> : T[K];
};

/** What a language provides: the shared strings and those of `<chat-panel>`, both partial. */
export interface Translation {
  strings?: PartialStrings;
  chat?: Partial<ChatStrings>;
}

interface Registry {
  generation: number;
  translations: Map<string, Translation>;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('coordinator-elements.localize');
const registry: Registry =
  ((globalThis as Record<symbol, unknown>)[KEY] as Registry | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = {
    generation: 0,
    translations: new Map(),
    listeners: new Set(),
  } satisfies Registry);

/** Re-renders every localized element on the page (the language or a translation changed). */
export function localeChanged(): void {
  registry.generation++;
  for (const listener of [...registry.listeners]) listener();
}

/** Increases whenever a language or translation changes (for caches of resolved strings). */
export function localeGeneration(): number {
  return registry.generation;
}

/** Calls `listener` whenever languages or translations change; returns the unsubscribe function. */
export function onLocaleChange(listener: () => void): () => void {
  registry.listeners.add(listener);
  return () => registry.listeners.delete(listener);
}

function mergeInto<T extends object>(target: T, partial: object | undefined): T {
  if (!partial) return target;
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const current = (target as Record<string, unknown>)[key];
    (target as Record<string, unknown>)[key] =
      value && typeof value === 'object' && current && typeof current === 'object' && !Array.isArray(value)
        ? { ...current, ...value }
        : value;
  }
  return target;
}

/**
 * Registers (or extends) the words of a language, e.g. `registerTranslation('fr', { strings: {
 * copy: 'Copier' }, chat: { send: 'Envoyer' } })`. Missing strings fall back to English. Registering
 * `en` replaces English words everywhere. Elements already on the page update.
 */
export function registerTranslation(lang: string, translation: Translation): void {
  const key = lang.toLowerCase();
  const existing = registry.translations.get(key) ?? {};
  registry.translations.set(key, {
    strings: mergeInto({ ...existing.strings }, translation.strings),
    chat: mergeInto({ ...existing.chat }, translation.chat),
  });
  localeChanged();
}

/** The translations that apply to `lang`, most general first: `en`, then `de`, then `de-ch`. */
export function translationsFor(lang: string | undefined): Translation[] {
  const out: Translation[] = [];
  const en = registry.translations.get('en');
  if (en) out.push(en);
  if (!lang) return out;
  const parts = lang.toLowerCase().split('-');
  for (let i = 1; i <= parts.length; i++) {
    const key = parts.slice(0, i).join('-');
    const t = key === 'en' ? undefined : registry.translations.get(key);
    if (t) out.push(t);
  }
  return out;
}

const byLang = new Map<string, { generation: number; strings: Strings }>();

/** The shared strings for a language (English where the language has no word), `locale` = `lang`. */
export function stringsForLang(lang: string | undefined): Strings {
  const key = lang ?? '';
  const hit = byLang.get(key);
  if (hit && hit.generation === registry.generation) return hit.strings;
  const result = { ...english };
  for (const t of translationsFor(lang)) mergeInto(result, t.strings);
  result.locale = lang || english.locale;
  byLang.set(key, { generation: registry.generation, strings: result });
  return result;
}

function parentOf(node: Node): Node | null {
  return node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
}

/** Elements that carry their own `strings` overrides (and pass them on to what they contain). */
const overridesOf = new WeakMap<Element, () => PartialStrings | null | undefined>();
const cache = new WeakMap<Element, { generation: number; strings: Strings }>();

/**
 * The strings in effect for `element`: its language (own or inherited `lang`), then the
 * `strings` overrides of the localized elements around it, then its own.
 */
export function stringsFor(element: Element): Strings {
  const hit = cache.get(element);
  if (hit && hit.generation === registry.generation) return hit.strings;
  let base: Strings | undefined;
  const own = element.getAttribute('lang');
  if (own) base = stringsForLang(own);
  else {
    for (let node = parentOf(element); node; node = parentOf(node)) {
      if (!(node instanceof Element)) continue;
      const lang = node.getAttribute('lang');
      if (lang) {
        base = stringsForLang(lang);
        break;
      }
      // A localized element already resolved everything above it.
      if (overridesOf.has(node)) {
        base = stringsFor(node);
        break;
      }
    }
  }
  base ??= stringsForLang(undefined);
  const overrides = overridesOf.get(element)?.();
  const result = overrides ? mergeInto({ ...base }, overrides) : base;
  cache.set(element, { generation: registry.generation, strings: result });
  return result;
}

/** Forgets what `element` resolved (it moved in the tree). */
export function forgetStrings(element: Element): void {
  cache.delete(element);
}

// `lang` changes anywhere on the page (on <html>, a container or one of our elements) re-render
// the elements: one observer watches the document and each shadow root that holds our elements.
let observer: MutationObserver | undefined;
const observedRoots = new WeakSet<Node>();
function observeRootOf(element: Element): void {
  if (typeof MutationObserver === 'undefined') return;
  const root = element.getRootNode();
  if (observedRoots.has(root) || !(root instanceof Document || root instanceof ShadowRoot)) return;
  observedRoots.add(root);
  observer ??= new MutationObserver(() => localeChanged());
  observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * Gives a Lit element its strings: `this.localize.strings.copy`. `overrides` returns the host's own
 * `strings` property (when it has one). The host re-renders when its language, an ancestor's
 * language or overrides, or a translation change.
 */
export class LocalizeController implements ReactiveController {
  private readonly host: ReactiveElement;
  private unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveElement, overrides?: () => PartialStrings | null | undefined) {
    this.host = host;
    overridesOf.set(host, overrides ?? (() => null));
    host.addController(this);
  }

  /** The strings in effect (cached until something changes). */
  get strings(): Strings {
    return stringsFor(this.host);
  }

  /** The language in effect (`undefined`: none declared; the browser's formats). */
  get lang(): string | undefined {
    return this.strings.locale;
  }

  hostConnected(): void {
    observeRootOf(this.host);
    forgetStrings(this.host);
    this.unsubscribe = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Call (from `willUpdate`) when the host's `strings` changed. */
  overridesChanged(): void {
    forgetStrings(this.host);
    // The pieces inside it, already rendered, inherit them: re-render everything.
    if (this.host.hasUpdated) localeChanged();
  }
}

registerTranslation('en', {});
