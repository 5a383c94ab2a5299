import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

export default defineConfig({ ...base, testDir: 'scripts', testMatch: 'screenshots.spec.ts', reporter: 'line' });
