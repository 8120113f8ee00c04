/**
 * `CeElement`, the base of every Lit element and inner piece of the library:
 * - words: its strings in effect are `this._strings` (its language, own or inherited, and the
 *   `strings` overrides around it; see controllers/localize.ts), and it re-renders when they change;
 * - events: `emit(name, detail)` dispatches a bubbling, composed `CustomEvent`, typed by the event
 *   map the subclass binds (`class EventCard extends CeElement<EventCardEventMap>`);
 * - inner elements: `static dependencies` lists the elements it renders (default tag → class), and
 *   templates render them through `tagFor(name)` with `lit/static-html.js`, under the name each is
 *   defined under on the page (see define.ts), so the class works under any tag name.
 */
import { LitElement } from 'lit';
import type { StaticValue } from 'lit/static-html.js';
import { LocalizeController } from '../controllers/localize.js';
import type { PartialStrings } from '../i18n/translations.js';
import type { Strings } from '../i18n/strings.js';
import { scopedTag, type Dependencies, type DependentClass } from './define.js';

/** The `detail` type of a `CustomEvent` type. */
export type DetailOf<E> = E extends CustomEvent<infer D> ? D : never;

export class CeElement<Events extends object = Record<never, CustomEvent>> extends LitElement {
  /** The elements this class renders, by their default tag name (see `tagFor()`). */
  static dependencies: Dependencies = {};

  protected readonly _localize = new LocalizeController(this, () => this._ownStrings());

  /** This element's own overrides (elements with a `strings` property return it). */
  protected _ownStrings(): PartialStrings | null | undefined {
    return null;
  }

  /** The strings in effect for this element. */
  protected get _strings(): Strings {
    return this._localize.strings;
  }

  /** Dispatches event `name` of this element's event map: bubbling, composed, with `detail`. */
  protected emit<K extends keyof Events & string>(name: K, detail: DetailOf<Events[K]>): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /**
   * The tag of dependency `name` for a `lit/static-html.js` template:
   * `` staticHtml`<${md} .text=${t}></${md}>` `` with `const md = this.tagFor('ce-markdown')`.
   */
  protected tagFor(name: string): StaticValue {
    return scopedTag(this.constructor as DependentClass, name).literal;
  }

  /** The tag name of dependency `name`, for selectors and `document.createElement`. */
  protected tagNameFor(name: string): string {
    return scopedTag(this.constructor as DependentClass, name).name;
  }
}
