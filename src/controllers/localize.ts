/**
 * An element's strings in effect: its language (its own `lang` attribute, else the nearest
 * ancestor's, crossing shadow roots, as HTML's `lang` inherits), the translations registered for it
 * (see `i18n/translations.ts`), then the `strings` overrides of the localized elements around it and
 * its own. `LocalizeController` gives them to a Lit element and re-renders it when any of that changes.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { Strings } from '../i18n/strings.js';
import {
  localeChanged,
  localeGeneration,
  mergeInto,
  onLocaleChange,
  stringsForLang,
  type PartialStrings,
} from '../i18n/translations.js';

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
  if (hit && hit.generation === localeGeneration()) return hit.strings;
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
  cache.set(element, { generation: localeGeneration(), strings: result });
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
