import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores here: a couple of workers keep Redis and browser tests from starving each other.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
