/** Registers `<session-list>` (and the elements it renders). */
import { defineElement } from '../../pieces/define.js';
import { SessionList } from './session-list.component.js';

export { SessionList };

defineElement('session-list', SessionList);

declare global {
  interface HTMLElementTagNameMap {
    'session-list': SessionList;
  }
}
