/** Registers `<run-swimlanes>`. */
import { defineElement } from '../../pieces/define.js';
import { RunSwimlanes } from './run-swimlanes.component.js';

export { RunSwimlanes };

defineElement('run-swimlanes', RunSwimlanes);

declare global {
  interface HTMLElementTagNameMap {
    'run-swimlanes': RunSwimlanes;
  }
}
