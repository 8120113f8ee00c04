/**
 * DOMPurify with our allow-list, for browsers without the HTML Sanitizer API (Safari today): loaded
 * only there (markdown-render.ts imports it on demand).
 *
 * Trusted Types: DOMPurify parses the input and returns its result through our own policy,
 * `coordinator-elements` (not its default `dompurify`, which a page's own copy of DOMPurify may
 * hold), and hands back `TrustedHTML`, which goes into a `<template>` as is. The policy is private
 * to this module and blesses only what DOMPurify parses into an inert document or returned
 * sanitized; it refuses every script URL. A page that enforces Trusted Types allows it with
 * `trusted-types lit-html coordinator-elements` (docs/security.md). Where the policy cannot be
 * created (not allowed, or taken by a second copy of the library without `'allow-duplicates'`),
 * markdown is shown as plain text.
 */
import DOMPurify, { type Config } from 'dompurify';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, finishSanitized } from './sanitize-policy.js';

/** The Trusted Types policy name this library creates (only on this path). */
export const TRUSTED_TYPES_POLICY_NAME = 'coordinator-elements';

type Policy = { createHTML(input: string): unknown; createScriptURL(input: string): unknown };
type TrustedTypesFactory = { createPolicy(name: string, rules: Policy): Policy };

/** Our policy; undefined where Trusted Types do not exist; null where it could not be created. */
function createPolicy(): Policy | null | undefined {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory?.createPolicy) return undefined;
  try {
    return factory.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
      createHTML: (input) => input,
      createScriptURL: () => {
        throw new TypeError('coordinator-elements: markdown never loads scripts');
      },
    });
  } catch {
    return null;
  }
}

const policy = createPolicy();

// A private instance: a host page's global DOMPurify, its hooks and config are not touched.
const purify = DOMPurify(window);

const CONFIG: Config = {
  // Text is a node DOMPurify allows only when named (or with KEEP_CONTENT, which would keep the
  // content of removed elements).
  ALLOWED_TAGS: [...ALLOWED_ELEMENTS, '#text'],
  ALLOWED_ATTR: ALLOWED_ATTRIBUTES,
  // Checked on links by finishSanitized(); without this, DOMPurify would test these values as URLs.
  ADD_URI_SAFE_ATTR: ['align', 'start', 'colspan', 'rowspan'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
  KEEP_CONTENT: false,
  ...(policy ? { RETURN_TRUSTED_TYPE: true, TRUSTED_TYPES_POLICY: policy as Config['TRUSTED_TYPES_POLICY'] } : {}),
};

/** Sanitizes `html` into `template`'s content with DOMPurify and our policy; throws where it may not. */
export function sanitizeWithPurify(template: HTMLTemplateElement, html: string): void {
  if (policy === null)
    throw new TypeError(`coordinator-elements: Trusted Types policy "${TRUSTED_TYPES_POLICY_NAME}" is not allowed`);
  template.innerHTML = purify.sanitize(html, CONFIG) as unknown as string;
  finishSanitized(template.content);
}
