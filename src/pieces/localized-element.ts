/**
 * The base of every element and inner piece that shows words: its strings in effect are
 * `this._strings` (its language, own or inherited, and the `strings` overrides around it; see
 * localize.ts), and it re-renders when they change.
 */
import { LitElement } from 'lit';
import { LocalizeController } from '../controllers/localize.js';
import type { PartialStrings } from '../i18n/translations.js';
import type { Strings } from '../i18n/strings.js';

export class LocalizedElement extends LitElement {
  protected readonly _localize = new LocalizeController(this, () => this._ownStrings());

  /** This element's own overrides (elements with a `strings` property return it). */
  protected _ownStrings(): PartialStrings | null | undefined {
    return null;
  }

  /** The strings in effect for this element. */
  protected get _strings(): Strings {
    return this._localize.strings;
  }
}
