// Types of vite-plugin.mjs for .storybook/main.ts.
import type { Plugin } from 'vite';

/** `root`: options of the root instance (see server/instance.mjs `InstanceOptions`). */
export function simulatedCoordinatorVitePlugin(options?: { root?: Record<string, unknown> }): Plugin;
