/**
 * Follow-bottom, one policy for every scrolling element: a list that shows the newest content keeps
 * showing it as content arrives (following), until the user moves up; reaching the bottom again
 * (within `BOTTOM_SLACK`) follows again. Content that arrives meanwhile is counted (`unseen`) so the
 * element can offer a jump.
 *
 * Only the user's own moves stop following: an upward move of the scroll position counts only right
 * after user input (wheel, touch, the scrollbar, navigation keys, or script setting `scrollTop`),
 * because a list also moves by itself (a virtualizer re-anchoring rows it just measured, content
 * growing above). Moving up by wheel stops following at once, before the scroll event, so an
 * arriving message cannot win the race.
 *
 * `hold()` stops following for something the list must keep in view (a selected item): then not even
 * reaching the bottom follows again, until the user moves the list themselves (or jumps to the latest).
 *
 * How the list is kept at the end is the element's: `pinByScrolling` scrolls the element after each
 * of its updates and whenever its content grows; otherwise `onFollowChange` tells the element (a
 * virtualized list pins its layout instead).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Distance from the bottom (px) that still counts as "at the bottom". */
export const BOTTOM_SLACK = 48;
/** How long after input a scroll counts as the user's (ms). */
const USER_INPUT_MS = 1000;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home', 'k']);
/** Keys that scroll a list (by themselves or by moving the focus in it): the user moves it. */
const MOVE_KEYS = new Set([...UP_KEYS, 'ArrowDown', 'PageDown', 'End', 'j', ' ']);

export interface FollowBottomOptions {
  /** Scroll the list to the end after each host update and when its content grows. */
  pinByScrolling?: boolean;
  /** Following turned on or off. */
  onFollowChange?(following: boolean): void;
  /**
   * With `pinByScrolling`: what to wait for after a host update before scrolling to the end again
   * (e.g. nested elements that render in their own update). Without frames (a hidden page) the
   * content's size observer does not tell of their growth.
   */
  settle?(): Promise<unknown>;
}

export class FollowBottomController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: FollowBottomOptions;
  #following = true;
  #unseen = 0;
  #scroller: HTMLElement | null = null;
  #detach: (() => void) | null = null;
  #userInputUntil = 0;
  #lastScrollTop = 0;
  #ownScroll = false;
  #resize: ResizeObserver | null = null;
  /** Following is held off (`hold`) until the user moves the list. */
  #held = false;

  constructor(host: ReactiveControllerHost, options: FollowBottomOptions = {}) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Following is held off for something in view (see `hold`). */
  get held(): boolean {
    return this.#held;
  }

  /**
   * Stops following and keeps it off, even at the bottom, until the user moves the list (wheel,
   * touch, keys, the scrollbar) or `followLatest()`: for an item the list must keep in view.
   */
  hold(): void {
    this.#held = true;
    this.setFollowing(false);
  }

  /** The list shows (and keeps showing) its newest content. */
  get following(): boolean {
    return this.#following;
  }

  /** Items that arrived while not following (see `arrived`). */
  get unseen(): number {
    return this.#unseen;
  }

  /** The scroller this controller watches. */
  get scroller(): HTMLElement | null {
    return this.#scroller;
  }

  /**
   * Watches `scroller` (once it is rendered); `content` is what grows inside it (observed for size
   * with `pinByScrolling`).
   */
  attach(scroller: HTMLElement, content?: Element | null): void {
    if (this.#scroller === scroller) return;
    this.#detach?.();
    this.#scroller = scroller;
    const onScroll = () => this.#onScroll();
    const onWheel = (e: WheelEvent) => {
      this.#held = false;
      if (e.deltaY < 0 && scroller.scrollHeight > scroller.clientHeight) {
        this.#markUserInput();
        this.setFollowing(false);
      }
    };
    const onPointerDown = (e: PointerEvent) => {
      // On the list itself (not an item in it): its scrollbar.
      if (e.composedPath()[0] === scroller) {
        this.#held = false;
        this.#markUserInput();
      }
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (UP_KEYS.has(e.key)) this.#markUserInput();
      if (MOVE_KEYS.has(e.key)) this.#held = false;
    };
    const onTouch = () => {
      this.#held = false;
      this.#markUserInput();
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    scroller.addEventListener('wheel', onWheel, { passive: true });
    scroller.addEventListener('touchstart', onTouch, { passive: true });
    scroller.addEventListener('touchmove', onTouch, { passive: true });
    scroller.addEventListener('pointerdown', onPointerDown);
    scroller.addEventListener('keydown', onKeyDown);
    const restoreScrollTop = this.#watchScrollTopWrites(scroller);
    if (this.#options.pinByScrolling && content && typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver(() => {
        if (this.#following) this.scrollToEnd();
      });
      this.#resize.observe(content);
    }
    if (this.#following) this.scrollToEnd();
    this.#detach = () => {
      scroller.removeEventListener('scroll', onScroll);
      scroller.removeEventListener('wheel', onWheel);
      scroller.removeEventListener('touchstart', onTouch);
      scroller.removeEventListener('touchmove', onTouch);
      scroller.removeEventListener('pointerdown', onPointerDown);
      scroller.removeEventListener('keydown', onKeyDown);
      restoreScrollTop();
      this.#resize?.disconnect();
      this.#resize = null;
    };
  }

  /** Starts or stops following (e.g. stop when the user focuses an item above the newest). */
  setFollowing(on: boolean): void {
    if (on) {
      this.#unseen = 0;
      this.#held = false;
    }
    if (on === this.#following) return;
    this.#following = on;
    this.#options.onFollowChange?.(on);
    this.#host.requestUpdate();
  }

  /** Goes to the newest content and follows it again ("jump to latest"). */
  followLatest(): void {
    this.#userInputUntil = 0;
    this.#unseen = 0;
    this.setFollowing(true);
    this.scrollToEnd();
    this.#host.requestUpdate();
  }

  /** `count` items arrived: counted as unseen while not following. */
  arrived(count: number): void {
    if (this.#following || count <= 0) return;
    this.#unseen += count;
    this.#host.requestUpdate();
  }

  /** Scrolls the list to its end now (with `pinByScrolling`; a virtualized list pins its layout). */
  scrollToEnd(): void {
    const s = this.#scroller;
    if (!s || !this.#options.pinByScrolling) return;
    this.#ownScroll = true;
    try {
      s.scrollTop = s.scrollHeight;
    } finally {
      this.#ownScroll = false;
    }
  }

  hostUpdated(): void {
    if (!this.#following || !this.#options.pinByScrolling) return;
    this.scrollToEnd();
    void this.#options.settle?.().then(() => {
      if (this.#following) this.scrollToEnd();
    });
  }

  hostDisconnected(): void {
    this.#detach?.();
    this.#detach = null;
    this.#scroller = null;
  }

  #markUserInput(): void {
    this.#userInputUntil = performance.now() + USER_INPUT_MS;
  }

  #onScroll(): void {
    const s = this.#scroller;
    if (!s) return;
    const top = s.scrollTop;
    const atBottom = s.scrollHeight - top - s.clientHeight <= BOTTOM_SLACK;
    if (atBottom) {
      if (!this.#following && !this.#held) {
        this.setFollowing(true);
        // The user's way up is over: later upward moves need new input to count as theirs.
        this.#userInputUntil = 0;
      }
    } else if (top < this.#lastScrollTop - 1 && performance.now() < this.#userInputUntil) {
      this.setFollowing(false);
    }
    this.#lastScrollTop = top;
  }

  /**
   * Marks `scrollTop` assignments by anyone but this controller (a host, a test, an extension) as
   * user input. Lists that move themselves use `scrollTo` (as the virtualizer does) and are not.
   */
  #watchScrollTopWrites(scroller: HTMLElement): () => void {
    const native = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop');
    if (!native?.get || !native.set) return () => undefined;
    const { get, set } = native;
    Object.defineProperty(scroller, 'scrollTop', {
      configurable: true,
      get(this: Element) {
        return get.call(this);
      },
      set: (value: number) => {
        if (!this.#ownScroll) this.#markUserInput();
        set.call(scroller, value);
      },
    });
    return () => {
      delete (scroller as { scrollTop?: number }).scrollTop;
    };
  }
}
