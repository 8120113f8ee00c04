/**
 * The translations registry: the words of each language (`registerTranslation`, e.g. by importing
 * `coordinator-elements/locales/de.js`), looked up from `de-CH` to `de` to English. Numbers and
 * dates always follow the language itself through `Intl`. Which language an element has is decided
 * in `controllers/localize.ts`.
 *
 * The registry lives on `globalThis` so that a translation module loaded next to the
 * self-contained bundle (a second copy of this file) reaches the bundle's elements too.
 */
import { englishStrings as english } from './strings.js';
import type { ChatStrings, Strings } from './types.js';

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

/** Merges `partial` into `target` (one level deep for nested records); returns `target`. */
export function mergeInto<T extends object>(target: T, partial: object | undefined): T {
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

registerTranslation('en', {});
