// Module shapes that Vite provides to stories and the Storybook preview.

/** Fixture text imported as a string (`import text from '../test/fixtures/x.sse?raw'`). */
declare module '*?raw' {
  const text: string;
  export default text;
}

/** The Custom Elements Manifest, served by .storybook/custom-elements-manifest.ts. */
declare module 'virtual:custom-elements-manifest' {
  const manifest: {
    schemaVersion: string;
    modules: {
      path: string;
      declarations?: {
        kind: string;
        name: string;
        tagName?: string;
        customElement?: boolean;
        description?: string;
        summary?: string;
        attributes?: { name: string; fieldName?: string; type?: { text: string }; default?: string }[];
        members?: { kind: string; name: string; attribute?: string; type?: { text: string } }[];
        events?: { name: string }[];
        cssProperties?: { name: string; default?: string }[];
        cssParts?: { name: string }[];
      }[];
    }[];
  };
  export default manifest;
}
