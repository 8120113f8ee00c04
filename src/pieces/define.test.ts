import { expect } from '@open-wc/testing';
import { defineElement, resolveTagName, scopedTag, type Dependencies } from './define.js';

// Every test names its own elements (`x-<test>-…`): the page's registry keeps every definition.
const plain = () => class extends HTMLElement {};

describe('tag names of dependencies (define.ts)', () => {
  it('uses the name a class is already defined under', () => {
    const Inner = plain();
    customElements.define('x-page-name', Inner);
    expect(resolveTagName(Inner, 'x-page-default')).to.equal('x-page-name');
    expect(customElements.get('x-page-default')).to.equal(undefined);
  });

  it('defines a class under its default name when that is free', () => {
    const Inner = plain();
    expect(resolveTagName(Inner, 'x-free-default')).to.equal('x-free-default');
    expect(customElements.get('x-free-default')).to.equal(Inner);
    // Resolved once: the same name again, nothing new defined.
    expect(resolveTagName(Inner, 'x-free-default')).to.equal('x-free-default');
  });

  it('defines a subclass under the first free derived name when the default belongs to another class', () => {
    customElements.define('x-taken', plain());
    customElements.define('x-taken-2', plain());
    const Inner = plain();
    expect(resolveTagName(Inner, 'x-taken')).to.equal('x-taken-3');
    const defined = customElements.get('x-taken-3')!;
    expect(defined).to.not.equal(Inner);
    expect(defined.prototype).to.be.instanceOf(Inner);
    expect(document.createElement('x-taken-3')).to.be.instanceOf(Inner);
    // The class itself stays free for a definition of the page's own.
    customElements.define('x-taken-own', Inner);
  });

  it('without customElements.getName, finds a class defined under another name by subclassing it', () => {
    const Inner = plain();
    customElements.define('x-hidden-name', Inner);
    const registry = customElements as { getName?: unknown };
    Object.defineProperty(registry, 'getName', { value: undefined, configurable: true });
    try {
      const name = resolveTagName(Inner, 'x-hidden-default');
      // It cannot see `x-hidden-name`; the default is free but the class is used: a subclass takes it.
      expect(name).to.equal('x-hidden-default');
      expect(document.createElement(name)).to.be.instanceOf(Inner);
    } finally {
      delete registry.getName;
    }
    expect(typeof customElements.getName).to.equal('function');
  });

  it('defineElement defines the dependencies, recursively, and only for a class it defined', () => {
    const Leaf = plain();
    const Middle = Object.assign(plain(), { dependencies: { 'x-rec-leaf': Leaf } as Dependencies });
    const Top = Object.assign(plain(), { dependencies: { 'x-rec-middle': Middle } as Dependencies });
    defineElement('x-rec-top', Top);
    expect(customElements.get('x-rec-top')).to.equal(Top);
    expect(customElements.get('x-rec-middle')).to.equal(Middle);
    expect(customElements.get('x-rec-leaf')).to.equal(Leaf);

    // A second copy: its name is taken, so neither it nor its dependencies are defined.
    const OtherLeaf = plain();
    const OtherTop = Object.assign(plain(), { dependencies: { 'x-rec-other-leaf': OtherLeaf } as Dependencies });
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      defineElement('x-rec-top', OtherTop);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(customElements.get('x-rec-other-leaf')).to.equal(undefined);
  });

  it("scopedTag resolves a host class's dependencies once and returns the cached tag", () => {
    customElements.define('x-scoped-inner', plain());
    const Inner = plain();
    const Host = Object.assign(plain(), { dependencies: { 'x-scoped-inner': Inner } as Dependencies });
    const first = scopedTag(Host, 'x-scoped-inner');
    expect(first.name).to.equal('x-scoped-inner-2');
    expect(scopedTag(Host, 'x-scoped-inner')).to.equal(first);
    expect(scopedTag(Host, 'x-scoped-inner').literal).to.equal(first.literal);
    // Not a dependency: nothing (the manifest test checks the library's own `tagFor()` names).
    expect(scopedTag(Host, 'x-not-listed')).to.equal(undefined);
  });
});
