/**
 * One row of `<session-list>`: a tree item with the session's title, status, times, counts and
 * activity. Its own element, so that a session that changes re-renders its row and nothing else
 * (the list sets the row's properties directly). It renders into itself, not a shadow root: the
 * list's styles and parts apply, and it is one element per row.
 *
 * The list positions it and handles its keys and clicks; the row sets its own ARIA state (role,
 * level, position, expanded, selected, its name) on itself.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Session } from '../../types/model.js';
import type { ActivityHistogram, RunTiming, SessionActivity } from '../../model/session-activity.js';
import { sessionTitle, statusGroupOf, type SessionRow } from '../../model/session-tree.js';
import { busyStateOf } from '../../model/busy.js';
import { CeElement } from '../../pieces/base-element.js';
import { icon } from '../../pieces/icons.js';
import { CeDuration, CeRelativeTime } from '../../pieces/relative-time.js';
import { renderSparkline } from '../../pieces/sparkline.js';
import { html as staticHtml } from 'lit/static-html.js';
import { serverWord, type Strings } from '../../i18n/strings.js';

/** Minutes the activity chart shows. */
export const SPARKLINE_MINUTES = 15;

const time = (iso: string | null) => (iso ? Date.parse(iso) : NaN);

/** The words of a status: the known ones translated (the server words), an unknown one as sent. */
export function statusLabel(status: string, s: Strings): string {
  return serverWord(s, status);
}

/** A session's title as shown: its first prompt, else its agent, else the default agent's words. */
export function displayTitle(session: Session, activity: SessionActivity | null, s: Strings): string {
  return sessionTitle(session, activity?.title) ?? s.defaultAgent;
}

export class CeSessionRow extends CeElement {
  static override dependencies = { 'ce-relative-time': CeRelativeTime, 'ce-duration': CeDuration };

  /** Its place in the tree. */
  @property({ attribute: false }) row!: SessionRow;
  /** The session as it is now (the list's latest, newer than `row.session`). */
  @property({ attribute: false }) session!: Session;
  @property({ attribute: false }) activity: SessionActivity | null = null;
  @property({ attribute: false }) histogram: ActivityHistogram | null = null;
  @property({ attribute: false }) timing: RunTiming | null = null;
  @property({ type: Boolean }) selected = false;
  /** The list's tab stop. */
  @property({ type: Boolean }) active = false;
  /** Shows the actions button. */
  @property({ type: Boolean }) actions = false;
  /** Its actions menu is open. */
  @property({ type: Boolean }) menuOpen = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The title shown. */
  get displayTitle(): string {
    return displayTitle(this.session, this.activity, this._strings);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const { row, session } = this;
    // Its name is its content, as shown: title, status, times, counts, activity.
    this.setAttribute('role', 'treeitem');
    this.dataset.status = session.status;
    this.setAttribute('aria-level', String(row.level));
    this.setAttribute('aria-posinset', String(row.posInSet));
    this.setAttribute('aria-setsize', String(row.setSize));
    if (row.expandable) this.setAttribute('aria-expanded', String(row.expanded));
    else this.removeAttribute('aria-expanded');
    this.setAttribute('aria-selected', String(this.selected));
    this.tabIndex = this.active ? 0 : -1;
    this.toggleAttribute('context', !row.matches);
    if (changed.has('session') || changed.has('row')) this.style.setProperty('--level', String(row.level - 1));
  }

  override render() {
    const s = this._strings;
    const { row, session, activity, timing } = this;
    const group = statusGroupOf(session.status);
    const histogram = this.histogram;
    const events = histogram ? histogram.total.reduce((a, b) => a + b, 0) : 0;
    const created = time(session.createdAt);
    const last = activity?.lastActivity ?? Math.max(time(session.lastResumedAt) || -Infinity, created || -Infinity);
    const relative = this.tagFor('ce-relative-time');
    const duration = this.tagFor('ce-duration');
    const running = busyStateOf(session.status) === 'busy';
    const titleKnown = !!activity?.title;
    return html`<div class="line title-line">
        <span class="toggle" part="toggle" data-toggle aria-hidden="true"
          >${row.expandable ? icon(row.expanded ? 'chevronDown' : 'chevronRight') : nothing}</span
        ><span class="dot ${group}" aria-hidden="true"></span
        ><span class="title ${titleKnown ? '' : 'fallback'}" part="title">${this.displayTitle}</span>${
          row.busyDescendants && !row.expanded
            ? html`<span class="busy-children" part="busy-children"
                >${icon('live')}${s.sessionChildrenBusy(row.busyDescendants)}</span
              >`
            : nothing
        }${histogram ? renderSparkline(histogram, s.sessionActivity(events, SPARKLINE_MINUTES)) : nothing}${
          this.actions
            ? html`<button
                type="button"
                class="actions-button"
                part="actions-button"
                tabindex=${this.active ? '0' : '-1'}
                aria-haspopup="menu"
                aria-expanded=${this.menuOpen ? 'true' : 'false'}
                aria-label=${s.sessionActions(this.displayTitle)}
                data-actions
              >
                ${icon('more')}
              </button>`
            : nothing
        }
      </div>
      <div class="line meta" part="meta">
        <span class="agent" part="agent">${session.agentName ?? s.defaultAgent}</span
        ><span class="status ${group}" part="status" data-status=${session.status}
          >${statusLabel(session.status, s)}</span
        >${
          Number.isFinite(created)
            ? staticHtml`<span part="created">${s.sessionCreatedPrefix} <${relative} .time=${created}></${relative}></span>`
            : nothing
        }${
          Number.isFinite(last) && last !== created
            ? staticHtml`<span part="last-activity">${s.sessionActivePrefix} <${relative} .time=${last}></${relative}></span>`
            : nothing
        }${
          timing && (timing.end !== null || running)
            ? staticHtml`<span part="duration" title=${s.sessionRunDuration(timing.end === null)}
                >${icon('clock')}<${duration} .start=${timing.start} .end=${timing.end}></${duration}></span>`
            : nothing
        }${
          activity?.historyLoaded || (activity && activity.runs > 0)
            ? html`<span part="runs">${s.sessionRuns(activity.runs, activity.atLeast)}</span>`
            : nothing
        }${
          activity && activity.errors > 0
            ? html`<span class="errors" part="errors">${s.sessionErrors(activity.errors, activity.atLeast)}</span>`
            : nothing
        }${row.childCount ? html`<span part="children">${s.sessionChildren(row.childCount)}</span>` : nothing}
      </div>`;
  }
}
