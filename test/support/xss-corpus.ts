/**
 * The XSS corpus and its checks, for every element's tests (test/browser/xss.test.ts runs it through
 * every rendered field of every element). Each payload carries its own id: a payload that runs calls
 * `window.__xss(id)`, one that reaches the network asks for `/__xss-beacon/<id>`, which the test
 * server records (test/support/xss-beacons.mjs, in web-test-runner.config.mjs).
 *
 * To cover a new element, give its fields as one `XssTarget` (see xss.test.ts): a name and, per
 * field, a function that renders every payload into that field and resolves once all is shown.
 */

export interface XssPayload {
  id: string;
  /** What it tries: script, handler, url, srcdoc, namespace, mxss, clobbering, breakout, unicode, other. */
  kind: string;
  text: string;
}

/** `ID` stands for the payload's id. */
const RAW: [kind: string, text: string][] = [
  // Script elements.
  ['script', `<script>__xss('ID')</script>`],
  ['script', `<SCRIPT SRC=/__xss-beacon/ID></SCRIPT>`],
  ['script', `<script>fetch('/__xss-beacon/ID')</script>`],
  ['script', `"><script>__xss('ID')</script>`],
  ['script', `</textarea><script>__xss('ID')</script>`],
  ['script', `</title><script>__xss('ID')</script>`],
  ['script', `<scr<script>ipt>__xss('ID')</scr</script>ipt>`],
  ['script', `<script type="module">import('/__xss-beacon/ID')</script>`],
  // Event handlers.
  ['handler', `<img src=/__xss-beacon/ID onerror="__xss('ID')">`],
  ['handler', `<img src=x onerror=__xss('ID')>`],
  ['handler', `<svg onload="__xss('ID')">`],
  ['handler', `<body onload="__xss('ID')">`],
  ['handler', `<input autofocus onfocus="__xss('ID')">`],
  ['handler', `<details open ontoggle="__xss('ID')">x</details>`],
  ['handler', `<video><source onerror="__xss('ID')"></video>`],
  ['handler', `<audio src=/__xss-beacon/ID onerror=__xss('ID')>`],
  ['handler', `<marquee onstart="__xss('ID')">x</marquee>`],
  ['handler', `<style onload="__xss('ID')"></style>`],
  ['handler', `<iframe onload="__xss('ID')"></iframe>`],
  ['handler', `<x onclick=__xss('ID') id=x-ID>click</x>`],
  // javascript:, data:, vbscript: and other URLs.
  ['url', `[x](javascript:__xss('ID'))`],
  ['url', `[x](JaVaScRiPt:__xss('ID'))`],
  ['url', `[x](java&#x09;script:__xss('ID'))`],
  ['url', `[x](&#106;avascript:__xss('ID'))`],
  ['url', `[x](<javascript:__xss('ID')>)`],
  ['url', `<a href="javascript:__xss('ID')">x</a>`],
  ['url', `[x](data:text/html;base64,PHNjcmlwdD5fX3hzcygnSUQnKTwvc2NyaXB0Pg==)`],
  ['url', `[x](vbscript:msgbox('ID'))`],
  ['url', `<a href="vbscript:__xss('ID')">x</a>`],
  ['url', `![x](javascript:__xss('ID'))`],
  ['url', `![x](/__xss-beacon/ID)`],
  ['url', `[x][r]\n\n[r]: javascript:__xss('ID')`],
  ['url', `<javascript:__xss('ID')>`],
  ['url', `<form action="javascript:__xss('ID')"><button>go</button></form>`],
  ['url', `<button formaction="javascript:__xss('ID')">x</button>`],
  ['url', `<object data="/__xss-beacon/ID"></object>`],
  ['url', `<embed src="/__xss-beacon/ID">`],
  ['url', `<link rel=stylesheet href=/__xss-beacon/ID>`],
  ['url', `<meta http-equiv="refresh" content="0;url=javascript:__xss('ID')">`],
  ['url', `<base href="javascript:__xss('ID')//">`],
  ['url', `<a href="&#x6A;&#x61;vascript:__xss('ID')">x</a>`],
  // srcdoc.
  ['srcdoc', `<iframe srcdoc="<script>parent.__xss('ID')</script>"></iframe>`],
  ['srcdoc', `<iframe srcdoc="&lt;img src=x onerror=parent.__xss('ID')&gt;"></iframe>`],
  ['srcdoc', `<iframe src="javascript:parent.__xss('ID')"></iframe>`],
  // SVG and MathML namespace confusion.
  ['namespace', `<svg><script>__xss('ID')</script></svg>`],
  ['namespace', `<svg><a xlink:href="javascript:__xss('ID')"><text>x</text></a></svg>`],
  ['namespace', `<svg><animate onbegin="__xss('ID')" attributeName=x dur=1s>`],
  ['namespace', `<svg><a><animate attributeName=href values="javascript:__xss('ID')"/><text>x</text></a></svg>`],
  ['namespace', `<svg><foreignObject><img src=x onerror="__xss('ID')"></foreignObject></svg>`],
  ['namespace', `<math><mtext><table><mglyph><style><img src=x onerror="__xss('ID')">`],
  ['namespace', `<math><maction actiontype="statusline" xlink:href="javascript:__xss('ID')">x</maction></math>`],
  ['namespace', `<svg><style><img src=x onerror="__xss('ID')"></style></svg>`],
  // Mutation XSS: markup that changes meaning when serialized and parsed again.
  ['mxss', `<noscript><p title="</noscript><img src=x onerror=__xss('ID')>">`],
  ['mxss', `<form><math><mtext></form><form><mglyph><style></math><img src onerror=__xss('ID')>`],
  ['mxss', `<svg></p><style><a id="</style><img src=1 onerror=__xss('ID')>">`],
  ['mxss', `<xmp><p title="</xmp><img src=x onerror=__xss('ID')>">`],
  ['mxss', `<!--><img src=x onerror=__xss('ID')>-->`],
  ['mxss', `<a title="--><img src=x onerror=__xss('ID')>">x</a>`],
  ['mxss', `[x](https://example.com "--><img src=x onerror=__xss('ID')>")`],
  ['mxss', "`<img src=x onerror=__xss('ID')>`"],
  // DOM clobbering.
  ['clobbering', `<form id=__xss><input name=ID></form>`],
  ['clobbering', `<img name=cookie><img name=getElementById>`],
  ['clobbering', `<a id=defaultView href=x-ID>x</a><a id=defaultView name=ID>y</a>`],
  // Attribute breakouts.
  ['breakout', `[x](https://example.com" onmouseover="__xss('ID'))`],
  ['breakout', `[x](https://example.com "t\\" onmouseover=\\"__xss('ID')")`],
  ['breakout', `' onmouseover='__xss("ID")' x='`],
  ['breakout', `" autofocus onfocus="__xss('ID')`],
  ['breakout', `[x](https://e.com/?a=1&quot;onclick=&quot;__xss('ID'))`],
  // Bidi overrides and zero-width characters.
  ['unicode', `[safe.example.com\u202Emoc.elpmaxe//:sptth](javascript\u200B:__xss('ID'))`],
  ['unicode', `[x](java\u200Bscript:__xss('ID'))`],
  ['unicode', `[x](\u202Ejavascript:__xss('ID'))`],
  ['unicode', `<a href="java\u0000script:__xss('ID')">x</a>`],
  ['unicode', `[x](\u00A0javascript:__xss('ID'))`],
  // Template injection, styles, other fetches.
  ['other', `{{constructor.constructor('__xss("ID")')()}}`],
  ['other', `\${__xss('ID')}`],
  ['other', `<style>@import '/__xss-beacon/ID';</style>`],
  ['other', `<div style="background:url(/__xss-beacon/ID)">x</div>`],
  ['other', `<img srcset="/__xss-beacon/ID 1x">`],
  ['other', `<video poster=/__xss-beacon/ID></video>`],
  ['other', `<table background="/__xss-beacon/ID"><tr><td>x</td></tr></table>`],
];

export const XSS_CORPUS: readonly XssPayload[] = RAW.map(([kind, text], i) => {
  const id = `p${String(i).padStart(2, '0')}`;
  return { id, kind, text: text.replaceAll('ID', id) };
});

declare global {
  interface Window {
    __xss?: (id: string) => void;
  }
}

const executed: string[] = [];

/** Starts recording executions (`window.__xss`); returns those recorded since the last call. */
export function takeExecutions(): string[] {
  window.__xss = (id: string) => void executed.push(String(id));
  return executed.splice(0);
}

/** The beacons the test server recorded since the last call (the paths after `/__xss-beacon/`). */
export async function takeBeacons(): Promise<string[]> {
  const response = await fetch('/__xss-beacons', { cache: 'no-store' });
  return (await response.json()) as string[];
}

/** Every element in `root` and in every shadow root below it. */
export function deepElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

/** Elements our templates never render: one in the DOM came from a payload (the chat's composer is a form). */
const FOREIGN = new Set(
  'script iframe frame frameset object embed base meta link img video audio source track picture math foreignobject animate set use xmp noscript marquee isindex style template details'.split(
    ' ',
  ),
);
/** What rendered markdown may hold: the sanitizers' allow-list, and the copy buttons we add to code blocks. */
const MARKDOWN_ELEMENTS = new Set(
  'a p br hr strong b em i del s code pre blockquote ul ol li h1 h2 h3 h4 h5 h6 table thead tbody tr th td span sup sub kbd div ce-copy-button'.split(
    ' ',
  ),
);
const URL_ATTRIBUTES = new Set(
  'href src action formaction data poster background srcset xlink:href codebase cite longdesc'.split(' '),
);
// eslint-disable-next-line no-control-regex -- what a URL parser ignores
const IGNORED = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
const DANGEROUS_URL = /^(?:javascript|vbscript|data):/i;

/** What must never be in the DOM: foreign elements, handlers, srcdoc, script URLs, URLs in styles. */
export function dangersIn(root: ParentNode): string[] {
  const found: string[] = [];
  for (const box of deepElements(root).filter((el) => el.classList.contains('markdown'))) {
    for (const el of box.querySelectorAll('*')) {
      if (!MARKDOWN_ELEMENTS.has(el.localName.replace(/-\d+$/, ''))) found.push(`<${el.localName}> in markdown`);
    }
  }
  for (const el of deepElements(root)) {
    const name = el.localName;
    if (FOREIGN.has(name)) found.push(`<${name}>`);
    for (const { name: attr, value } of Array.from(el.attributes)) {
      const lower = attr.toLowerCase();
      if (lower.startsWith('on')) found.push(`<${name} ${attr}>`);
      if (lower === 'srcdoc') found.push(`<${name} srcdoc>`);
      if (URL_ATTRIBUTES.has(lower) && DANGEROUS_URL.test(value.replace(IGNORED, '')))
        found.push(`<${name} ${attr}="${value}">`);
      if (lower === 'style' && /url\(|expression\(|javascript:/i.test(value)) found.push(`<${name} style="${value}">`);
    }
  }
  return found;
}

/** The rendered markdown in `root` (every `.markdown` box, through shadow roots), in order. */
export function renderedMarkdown(root: ParentNode): string[] {
  return deepElements(root)
    .filter((el) => el.classList.contains('markdown'))
    .map((el) => el.innerHTML);
}

/** A rendered field of an element: renders every payload into it inside `container`. */
export interface XssField {
  name: string;
  render(container: HTMLElement, payloads: readonly XssPayload[]): Promise<void>;
}

/** An element and its rendered fields. */
export interface XssTarget {
  element: string;
  fields: XssField[];
}

export interface XssOutcome {
  /** `element › field` → payload ids that ran. */
  executions: string[];
  beacons: string[];
  dangers: string[];
  /** `element › field` → the rendered markdown, for comparing two sanitizers. */
  markdown: Map<string, string[]>;
}

/**
 * Renders the whole corpus into every field of `target` (one field at a time, in `host`), waits for
 * anything a payload could set off (a failing image, a focus, a load), and collects what happened.
 */
export async function runCorpus(target: XssTarget, host: HTMLElement): Promise<XssOutcome> {
  const outcome: XssOutcome = { executions: [], beacons: [], dangers: [], markdown: new Map() };
  takeExecutions();
  await takeBeacons();
  for (const field of target.fields) {
    const where = `${target.element} › ${field.name}`;
    const container = document.createElement('div');
    host.append(container);
    try {
      await field.render(container, XSS_CORPUS);
      // Time for an injected image to fail, a frame to load, an autofocus to fire.
      await new Promise((resolve) => setTimeout(resolve, 250));
      outcome.dangers.push(...dangersIn(container).map((d) => `${where}: ${d}`));
      outcome.markdown.set(where, renderedMarkdown(container));
    } finally {
      container.remove();
    }
    outcome.executions.push(...takeExecutions().map((id) => `${where}: ${id}`));
    outcome.beacons.push(...(await takeBeacons()).map((id) => `${where}: ${id}`));
  }
  return outcome;
}
