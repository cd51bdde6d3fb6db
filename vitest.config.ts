import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Decorator metadata needs SWC (esbuild does not emit it); graphql must resolve to one
// build only, or schema objects from "another realm" are rejected.
const shared = {
  plugins: [swc.vite({ jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } })],
  resolve: { alias: { graphql: 'graphql/index.js' } },
};

const databaseSuites = ['test/subgraphs/**/*.test.ts', 'test/gateway/**/*.test.ts', 'test/seed/**/*.test.ts'];

export default defineConfig({
  ...shared,
  test: {
    setupFiles: ['test/utils/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { ...shared, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/schema/**/*.test.ts'], setupFiles: ['test/utils/setup.ts'] } },
      {
        ...shared,
        test: { name: 'sqlite', include: databaseSuites, setupFiles: ['test/utils/setup.ts'], env: { TEST_DATABASE: 'sqlite' }, testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        ...shared,
        test: { name: 'postgresql', include: databaseSuites, setupFiles: ['test/utils/setup.ts'], env: { TEST_DATABASE: 'postgresql' }, testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
