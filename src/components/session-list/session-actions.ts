/**
 * A `<session-list>` row's actions: its menu (stop, delete), the confirmation of the chosen one,
 * the request, and why it failed. The element renders `menu` and `confirm` with the templates of
 * session-list-controls.ts and fires `ce-session-action` itself (through `answered`).
 */
import type { ReactiveControllerHost } from 'lit';
import type { CoordinatorClientApi } from '../../client/types.js';
import { CoordinatorError } from '../../client/errors.js';
import type { Strings } from '../../i18n/strings.js';
import { shorten } from './session-list-controls.js';
import type { SessionActionDetail } from './session-list.events.js';
import type { CeSessionRow } from './session-row.js';

export type SessionAction = 'stop' | 'delete';

export interface ActionMenu {
  id: string;
  top: number;
}

export interface ActionConfirm {
  id: string;
  title: string;
  action: SessionAction;
  busy: boolean;
  error: string | null;
}

export interface SessionActionsOptions {
  /** Whether the sessions come from a coordinator (the page's own sessions have no actions). */
  available(): boolean;
  client(): CoordinatorClientApi | null;
  strings(): Strings;
  /** The rendered row of session `id`. */
  row(id: string): CeSessionRow | undefined;
  /** The scrolling tree the menu is placed over. */
  scroller(): HTMLElement;
  title(id: string): string;
  /** A confirmed action was answered. */
  answered(detail: SessionActionDetail): void;
  say(text: string): void;
}

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/** Not a registered controller: it needs none of the host's lifecycle, only `requestUpdate()` and `updateComplete`. */
export class SessionActions {
  readonly #host: Host;
  readonly #o: SessionActionsOptions;
  #menu: ActionMenu | null = null;
  #confirm: ActionConfirm | null = null;

  constructor(host: Host, options: SessionActionsOptions) {
    this.#host = host;
    this.#o = options;
  }

  get menu(): ActionMenu | null {
    return this.#menu;
  }

  get confirm(): ActionConfirm | null {
    return this.#confirm;
  }

  #setMenu(menu: ActionMenu | null): void {
    if (menu === this.#menu) return;
    this.#menu = menu;
    this.#host.requestUpdate();
  }

  #setConfirm(confirm: ActionConfirm | null): void {
    if (confirm === this.#confirm) return;
    this.#confirm = confirm;
    this.#host.requestUpdate();
  }

  #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  openMenu(id: string): void {
    const el = this.#o.row(id);
    if (!el || !this.#o.available()) return;
    const scroller = this.#o.scroller();
    const body = scroller.getBoundingClientRect();
    const rect = el.getBoundingClientRect();
    const below = rect.bottom - body.top + scroller.offsetTop;
    // Above the row when it would not fit below.
    const top = below + 80 > scroller.offsetTop + body.height ? Math.max(0, below - rect.height - 80) : below;
    this.#setMenu({ id, top });
    el.menuOpen = true;
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus(),
    );
  }

  #closeMenu(focusRow: boolean): void {
    const menu = this.#menu;
    if (!menu) return;
    this.#setMenu(null);
    const el = this.#o.row(menu.id);
    if (el) el.menuOpen = false;
    if (focusRow) (el?.querySelector<HTMLElement>('[data-actions]') ?? el)?.focus();
  }

  onMenuKey = (e: KeyboardEvent) => {
    const items = [...this.#host.renderRoot.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])')];
    const at = items.indexOf(e.composedPath()[0] as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      this.#closeMenu(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Tab') this.#closeMenu(false);
  };

  onMenuFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (!next || !(next as Element).closest?.('.menu')) this.#closeMenu(false);
  };

  /** The menu's item `action` was chosen: asks to confirm it. */
  ask(action: SessionAction): void {
    const id = this.#menu?.id;
    if (!id) return;
    this.#closeMenu(false);
    this.#setConfirm({ id, title: this.#o.title(id), action, busy: false, error: null });
    void this.#host.updateComplete.then(() => {
      const dialog = this.#dialog();
      if (!dialog) return;
      if (!dialog.open) dialog.showModal();
      dialog.querySelector<HTMLElement>('[part~="confirm-cancel"]')?.focus();
    });
  }

  async perform(): Promise<void> {
    const confirm = this.#confirm;
    const client = this.#o.client();
    if (!confirm || confirm.busy || !client) return;
    this.#setConfirm({ ...confirm, busy: true, error: null });
    const s = this.#o.strings();
    try {
      if (confirm.action === 'stop') await client.stopSession(confirm.id);
      else await client.deleteSession(confirm.id);
      this.#o.answered({ sessionId: confirm.id, action: confirm.action, ok: true, status: null, message: null });
      this.#o.say(confirm.action === 'stop' ? s.sessionStopped(confirm.title) : s.sessionDeleted(confirm.title));
      this.close();
    } catch (error) {
      const status = error instanceof CoordinatorError ? error.status : null;
      const message = shorten(error instanceof Error ? error.message : String(error), 240) ?? '';
      this.#o.answered({ sessionId: confirm.id, action: confirm.action, ok: false, status, message });
      // 409: the session is still active; the coordinator deletes it only once stopped.
      const text =
        confirm.action === 'delete'
          ? status === 409
            ? s.sessionDeleteActive
            : s.sessionDeleteFailed(message)
          : s.sessionStopFailed(message);
      if (this.#confirm?.id === confirm.id) this.#setConfirm({ ...confirm, busy: false, error: text });
    }
  }

  /** Closes the confirmation (cancelled or done) and gives the focus back to its row. */
  close = () => {
    const id = this.#confirm?.id;
    this.#setConfirm(null);
    const dialog = this.#dialog();
    if (dialog?.open) dialog.close();
    if (id) this.#o.row(id)?.focus();
  };
}
